// Serves the built renderer over http on 127.0.0.1 (Chromium knows no app:// scheme), through the
// very code Electron answers app:// requests with: the same files, types and refusals.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { APP_INDEX_URL, serveAppFile } from '../../electron/app-protocol';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(root: string): Promise<StaticServer> {
  const server = http.createServer((req, res) => void serveOne(root, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function serveOne(root: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  // The path as the page asked for it, still percent-encoded, on the app's origin.
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  const answer = await serveAppFile(root, new URL(path, APP_INDEX_URL).href);
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(Buffer.from(await answer.arrayBuffer()));
}
