/**
 * Text from strangers' cells (buyer names, notes, file and sheet names) reaches the terminal in
 * messages. A control character there is a command to the terminal, not text: ESC starts colour
 * changes, cursor moves and OSC 52 (write the clipboard), a CR rewrites the line above it, bidi
 * overrides reorder what is shown. Each is printed as a visible escape instead (`\x1b`, `\u202e`).
 */

/** Controls the terminal would act on: C0 but tab and newline, DEL, C1, bidi embeddings/overrides/isolates. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every terminal control shown as an escape.
 * @example terminalSafe("小美\u001b]52;c;ZXZpbA==\u0007") // "小美\\x1b]52;c;ZXZpbA==\\x07"
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}
