import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { insertAfter, replaceOnce, type TextEdit } from './edit-text';
import { EditorError } from './editor-error';
import type { FileEditorArgs } from './file-editor-args';
import type { FileHistory } from './file-history';
import { catN, snippetAround, splitLines } from './numbered-lines';
import { readTextFile, writeFileAtomic } from './text-file';
import { view } from './view';

/** What a command did: the text for the agent and, for changes, the contents around it. */
export interface EditorAnswer {
  text: string;
  prevExist: boolean;
  oldContent: string | null;
  newContent: string | null;
}

/** Runs one validated editor command on `path` (absolute, existing unless `create`). */
export async function runEditorCommand(
  args: FileEditorArgs,
  path: string,
  history: FileHistory,
  conversationId: string,
): Promise<EditorAnswer> {
  switch (args.command) {
    case 'view':
      return unchanged(await view(path, args.view_range));
    case 'create':
      return create(path, required(args.file_text, 'file_text', 'create'));
    case 'str_replace': {
      const oldStr = required(args.old_str, 'old_str', 'str_replace');
      return edit(path, history, conversationId, (text) =>
        replaceOnce(text, oldStr, args.new_str ?? '', path),
      );
    }
    case 'insert': {
      const line = required(args.insert_line, 'insert_line', 'insert');
      const newStr = required(args.new_str, 'new_str', 'insert');
      return edit(path, history, conversationId, (text) => insertAfter(text, line, newStr));
    }
    case 'undo_edit':
      return undo(path, history, conversationId);
  }
}

async function create(path: string, fileText: string): Promise<EditorAnswer> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, fileText);
  const text = `File created successfully at: ${path}`;
  return { text, prevExist: false, oldContent: null, newContent: fileText };
}

async function edit(
  path: string,
  history: FileHistory,
  conversationId: string,
  change: (text: string) => TextEdit,
): Promise<EditorAnswer> {
  const before = await readTextFile(path);
  const after = change(before);
  await writeFileAtomic(path, after.text);
  history.push(conversationId, path, before);
  const snippet = snippetAround(after.text, after.firstLine, after.lineCount);
  const text =
    `The file ${path} has been edited. ${catN(`a snippet of ${path}`, snippet.lines, snippet.firstNumber)}` +
    'Review the changes and make sure they are as expected. Edit the file again if necessary.';
  return { text, prevExist: true, oldContent: before, newContent: after.text };
}

async function undo(path: string, history: FileHistory, conversationId: string) {
  const current = await readFile(path, 'utf8');
  const previous = history.pop(conversationId, path);
  if (previous === undefined) throw new EditorError(`No edit history found for ${path}.`);
  await writeFileAtomic(path, previous);
  const text = `Last edit to ${path} undone successfully. ${catN(path, splitLines(previous))}`;
  return { text, prevExist: true, oldContent: current, newContent: previous };
}

function unchanged(text: string): EditorAnswer {
  return { text, prevExist: true, oldContent: null, newContent: null };
}

function required<T>(value: T | null | undefined, name: string, command: string): T {
  if (value === null || value === undefined) {
    throw new EditorError(`Parameter \`${name}\` is required for command: ${command}.`);
  }
  return value;
}
