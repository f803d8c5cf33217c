/** Time of day for today's entries, date and time for older ones, in the UI language. */
export function formatTime(iso: string, language: string, now = new Date()): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === now.toDateString();
  return sameDay
    ? d.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
    : d.toLocaleString(language, { day: '2-digit', month: 'short', hour: '2-digit', minute: '2-digit' });
}
