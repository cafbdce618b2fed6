// The contract between the editor and its server: every request and answer as a zod schema (the server
// validates with them, the web app parses with them), the words shown for codes, the merge of two edits.
export * from './api.js';
export * from './common.js';
export * from './labels.js';
export * from './limits.js';
export * from './merge.js';
