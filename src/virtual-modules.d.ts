/** Modules vite.config.ts builds from data/ when the page is bundled. */
declare module 'virtual:decode-notes' {
  const table: import('./catalog/decode-notes').DecodeNotes;
  export default table;
}
