/**
 * A TransformStream from text to lines (what @std/streams offers; JSR is
 * out of reach here).
 *
 * @module
 */

/**
 * Splits a text stream into lines, newline left off.
 *
 * @example
 * ```ts
 * import { TextLineStream } from "./text_lines.ts";
 * const lines = ReadableStream.from(["a\nb", "c\n"]).pipeThrough(new TextLineStream());
 * ```
 */
export class TextLineStream extends TransformStream<string, string> {
  /** Creates the stream. */
  constructor() {
    let pending = "";
    super({
      transform(chunk, controller) {
        const parts = (pending + chunk).split("\n");
        pending = parts.pop()!;
        for (const line of parts) controller.enqueue(line);
      },
      flush(controller) {
        if (pending) controller.enqueue(pending);
      },
    });
  }
}
