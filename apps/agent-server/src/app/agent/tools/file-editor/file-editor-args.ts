import { z } from 'zod';

export const EDITOR_COMMANDS = ['view', 'create', 'str_replace', 'insert', 'undo_edit'] as const;
export type EditorCommand = (typeof EDITOR_COMMANDS)[number];

/** The `file_editor` tool's arguments: the OpenHands SDK's FileEditorAction fields. */
export const FileEditorArgsSchema = z.object({
  command: z
    .enum(EDITOR_COMMANDS)
    .describe('What to do: view, create, str_replace, insert or undo_edit.'),
  path: z.string().describe('Absolute path of the file or directory, e.g. `/workspace/app.py`.'),
  file_text: z.string().nullish().describe('`create`: the whole content of the new file.'),
  old_str: z
    .string()
    .nullish()
    .describe('`str_replace`: the exact text to replace; it must occur exactly once in the file.'),
  new_str: z
    .string()
    .nullish()
    .describe('`str_replace`: the replacement (empty deletes). `insert`: the text to insert.'),
  insert_line: z
    .number()
    .int()
    .min(0)
    .nullish()
    .describe('`insert`: the line after which `new_str` goes; 0 inserts at the top.'),
  view_range: z
    .array(z.number().int())
    .length(2)
    .nullish()
    .describe('`view` of a file: [first, last] line to show, 1-based; last -1 means to the end.'),
});
export type FileEditorArgs = z.infer<typeof FileEditorArgsSchema>;

export const FILE_EDITOR_DESCRIPTION = `Views, creates and edits plain-text files.
* \`view\` on a file shows it with line numbers, like \`cat -n\` (optionally only \`view_range\`); on a directory it lists files and directories up to 2 levels deep, hidden ones excluded.
* \`create\` writes a new file (parent directories are created); it refuses to overwrite an existing file.
* \`str_replace\` replaces \`old_str\`, which must match exactly one place in the file, whitespace and indentation included; include enough surrounding lines to make it unique.
* \`insert\` inserts \`new_str\` after line \`insert_line\` (0 = at the top).
* \`undo_edit\` reverts the last change this tool made to the file.
* Paths must be absolute. Long output is clipped; view a smaller range when that happens.`;
