import type {
  BashEventKind,
  ConversationSortOrder,
  EventSortOrder,
  ExecutionStatus,
} from '@agentrt/contracts';

/** Filters of `GET .../events/search` (timestamps ISO 8601). */
export interface EventQuery {
  page_id?: string;
  limit?: number;
  kind?: string;
  sort_order?: EventSortOrder;
  timestamp__gte?: string;
  timestamp__lt?: string;
}

/** Filters of `GET /api/conversations/search`. */
export interface ConversationQuery {
  page_id?: string;
  limit?: number;
  status?: ExecutionStatus;
  sort_order?: ConversationSortOrder;
}

/** Filters of `GET /api/bash/bash_events/search`; `order__gt` resumes a command's output. */
export interface BashEventQuery {
  kind__eq?: BashEventKind;
  command_id__eq?: string;
  order__gt?: number;
  timestamp__gte?: string;
  timestamp__lt?: string;
  page_id?: string;
  limit?: number;
  sort_order?: EventSortOrder;
}

/** A command for `start_bash_command` / `execute_bash_command`. */
export interface BashOptions {
  cwd?: string;
  /** Seconds before the agent server kills the command's process group (default 300). */
  timeout?: number;
}
