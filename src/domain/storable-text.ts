/**
 * Text from outside (a comment, a TrackBack excerpt) as we store it: without the C0 control
 * characters other than tab and newline, and without DEL. NUL in particular cannot be stored in
 * a PostgreSQL text column at all, so one would turn a visitor's post into a 500; the others have
 * no meaning in prose and only serve to disturb terminals and logs.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function storableText(text: string): string {
  return text.replace(CONTROLS, '');
}
