import { stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { Injectable } from '@nestjs/common';
import type { AgentTool, ToolContext, ToolOutcome } from '../agent-tool';
import { EditorError } from './editor-error';
import { type EditorAnswer, runEditorCommand } from './editor-commands';
import {
  FILE_EDITOR_DESCRIPTION,
  type FileEditorArgs,
  FileEditorArgsSchema,
} from './file-editor-args';
import { FileHistory } from './file-history';

/** Whole file contents go into the observation only up to this size, to keep events small. */
const MAX_CONTENT_IN_EVENT = 256 * 1024;

/**
 * The OpenHands `file_editor` tool (view, create, str_replace, insert, undo_edit). Every failure,
 * expected or not, becomes an `isError` outcome the agent can read and act on.
 */
@Injectable()
export class FileEditorTool implements AgentTool<FileEditorArgs> {
  readonly name = 'file_editor';
  readonly aliases = ['FileEditorTool', 'str_replace_editor', 'file_editor'];
  readonly description = FILE_EDITOR_DESCRIPTION;
  readonly parameters = FileEditorArgsSchema;
  readonly actionKind = 'FileEditorAction';
  private readonly history = new FileHistory();

  async execute(args: FileEditorArgs, context: ToolContext): Promise<ToolOutcome> {
    try {
      const path = await checkedPath(args, context.workingDir);
      const answer = await runEditorCommand(args, path, this.history, context.conversationId);
      return outcome(args, path, answer, false);
    } catch (error) {
      const text = error instanceof EditorError ? error.message : unexpected(args, error);
      const answer = { text, prevExist: true, oldContent: null, newContent: null };
      return outcome(args, args.path, answer, true);
    }
  }

  release(conversationId: string): Promise<void> {
    this.history.forget(conversationId);
    return Promise.resolve();
  }
}

/** The absolute path, checked against the command: exists (or not, for `create`). */
async function checkedPath(args: FileEditorArgs, workingDir: string): Promise<string> {
  if (!isAbsolute(args.path)) {
    const guess = join(workingDir, args.path);
    const hint = (await exists(guess)) ? ` Maybe you meant ${guess}?` : '';
    throw new EditorError(`The path should be an absolute path, starting with \`/\`.${hint}`);
  }
  const path = normalize(args.path);
  const present = await exists(path);
  if (args.command === 'create' && present) {
    throw new EditorError(
      `File already exists at: ${path}. Cannot overwrite files using command \`create\`.`,
    );
  }
  if (args.command !== 'create' && !present) {
    throw new EditorError(`The path ${path} does not exist. Please provide a valid path.`);
  }
  return path;
}

function outcome(
  args: FileEditorArgs,
  path: string,
  answer: EditorAnswer,
  isError: boolean,
): ToolOutcome {
  return {
    // The OpenHands SDK's FileEditorObservation fields (it forbids others); `content` is added by the loop.
    observation: {
      kind: 'FileEditorObservation',
      command: args.command,
      path,
      prev_exist: answer.prevExist,
      old_content: forEvent(answer.oldContent),
      new_content: forEvent(answer.newContent),
    },
    text: answer.text,
    isError,
  };
}

function forEvent(content: string | null): string | null {
  return content !== null && content.length <= MAX_CONTENT_IN_EVENT ? content : null;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

function unexpected(args: FileEditorArgs, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return `Ran into an error while running \`${args.command}\` on ${args.path}: ${reason}`;
}
