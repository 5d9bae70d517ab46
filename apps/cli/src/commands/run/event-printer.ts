import type { Event } from '@agentrt/contracts';
import { formatEvent } from '../../event-format';
import type { Output } from '../../output';

/**
 * Prints each event once, whichever way it arrived (the live stream, or the history read at the
 * end to pick up what the stream had not delivered yet).
 */
export class EventPrinter {
  private readonly printed = new Set<string>();

  constructor(private readonly out: Output) {}

  print(event: Event): void {
    if (this.printed.has(event.id)) return;
    this.printed.add(event.id);
    this.out.item(event, formatEvent(event, { colour: this.out.colour }));
  }

  get count(): number {
    return this.printed.size;
  }
}
