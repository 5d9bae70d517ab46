import type { TextSink } from '@agentrt/client';

/**
 * A sink that never lets `secret` through: every occurrence becomes `***`, whatever prints it
 * (our messages, an API's error detail, a build log line).
 */
export function redactingSink(sink: TextSink, secret: string | undefined): TextSink {
  if (!secret) return sink;
  return {
    get isTTY() {
      return sink.isTTY;
    },
    get columns() {
      return sink.columns;
    },
    write: (text: string) => sink.write(text.split(secret).join('***')),
  };
}
