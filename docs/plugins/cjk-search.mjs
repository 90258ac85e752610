// @ts-check
// Chinese in TypeDoc's search. TypeDoc indexes with lunr, whose tokenizer splits on spaces and whose trimmer strips
// non-word characters from both ends of a token — which removes every Chinese token entirely, so "猴子补丁" finds
// nothing. The search box turns each word typed into a `*word*` wildcard query, which matches inside tokens. So this
// plugin adds two fields to the index of every page with Chinese text: its title and its text cut into runs of
// Chinese between punctuation and spaces, each run wrapped in underscores (word characters the trimmer keeps).
// Typing 猴子补丁, 补丁 or 猴子 then finds the monkey-patching guide.
import { IndexEvent } from 'typedoc';

const han = /\p{Script=Han}/u;
const notHan = /[^\p{Script=Han}]+/u;

/** The runs of Chinese characters in `text`, each wrapped so lunr keeps it. @param {string} text */
export function cjkTokens(text) {
  const runs = new Set(text.split(notHan).filter((run) => han.test(run)));
  return [...runs].map((run) => `_${run}_`).join(' ');
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.on(IndexEvent.PREPARE_INDEX, (/** @type {IndexEvent} */ event) => {
    event.searchFieldWeights['cjkName'] = 10;
    event.searchFieldWeights['cjkText'] = 1;
    event.searchResults.forEach((reflection, index) => {
      const text = reflection.isDocument() ? reflection.content.map((part) => part.text).join('\n') : '';
      const fields = (event.searchFields[index] ??= {});
      if (han.test(reflection.name)) fields['cjkName'] = cjkTokens(reflection.name);
      if (han.test(text)) fields['cjkText'] = cjkTokens(text);
    });
  });
}
