// The saved requests' file of versions before workspaces, read once to move them into the default
// workspace (electron/workspace/migrate.ts).
export const SAVED_FILE_NAME = 'saved-requests.json';
