// @ts-check
// The docs' two languages. TypeDoc has no i18n for documents, so every guide exists twice, as
// guides/en/<slug>.md and guides/zh/<slug>.md, each with `lang` and `slug` in its frontmatter. This plugin
//  - gives each guide a stable URL, guides/<lang>/<slug>.html (TypeDoc would derive it from the title),
//  - renders a language switch at the top of every guide linking the page to its counterpart,
//  - marks Chinese pages with <html lang="zh-CN"> so fonts, screen readers and the browser test know,
//  - calls the packages' group in the navigation "API reference" rather than "Modules".
// The English home page is the project page (index.html); its counterpart is guides/zh/index.html.
import { JSX, KindRouter, ReflectionKind } from 'typedoc';

/** @typedef {{ code: string, label: string, htmlLang: string }} Language */
/** @type {Language[]} */
const languages = [
  { code: 'en', label: 'English', htmlLang: 'en' },
  { code: 'zh', label: '简体中文', htmlLang: 'zh-CN' },
];
const homeSlug = 'index';

/** @param {import('typedoc').Reflection} reflection */
function guideKey(reflection) {
  if (reflection.isProject()) return { lang: 'en', slug: homeSlug };
  if (!reflection.isDocument()) return undefined;
  const { lang, slug } = reflection.frontmatter;
  return typeof lang === 'string' && typeof slug === 'string' ? { lang, slug } : undefined;
}

/** @param {import('typedoc').ProjectReflection} project */
function guidesBySlug(project) {
  /** @type {Map<string, Map<string, import('typedoc').Reflection>>} */
  const bySlug = new Map();
  const add = (/** @type {import('typedoc').Reflection} */ reflection) => {
    const key = guideKey(reflection);
    if (!key) return;
    const pages = bySlug.get(key.slug) ?? new Map();
    pages.set(key.lang, reflection);
    bySlug.set(key.slug, pages);
  };
  add(project);
  for (const reflection of project.getReflectionsByKind(ReflectionKind.Document)) add(reflection);
  return bySlug;
}

class GuideRouter extends KindRouter {
  /** @param {import('typedoc').Reflection} reflection */
  getIdealBaseName(reflection) {
    const key = reflection.isDocument() ? guideKey(reflection) : undefined;
    return key ? `guides/${key.lang}/${key.slug}` : super.getIdealBaseName(reflection);
  }
}

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.renderer.defineRouter('coro-guides', GuideRouter);

  /** @type {WeakMap<import('typedoc').ProjectReflection, ReturnType<typeof guidesBySlug>>} */
  const cache = new WeakMap();
  const pagesOf = (/** @type {import('typedoc').ProjectReflection} */ project) => {
    let pages = cache.get(project);
    if (!pages) cache.set(project, (pages = guidesBySlug(project)));
    return pages;
  };

  // Checked at render time: with `entryPointStrategy: packages` documents join the merged project only.
  app.renderer.on('beginRender', (event) => {
    // The packages' group in the navigation says what it is to a reader.
    for (const group of event.project.groups ?? []) if (group.title === 'Modules') group.title = 'API reference';
    for (const [slug, pages] of pagesOf(event.project)) {
      for (const { code } of languages) {
        if (!pages.has(code)) app.logger.error(`guide "${slug}" has no ${code} version (guides/${code}/${slug}.md)`);
      }
    }
  });

  app.renderer.hooks.on('head.begin', (context) => {
    const key = guideKey(context.page.model);
    const language = languages.find((l) => l.code === key?.lang);
    if (!language || language.htmlLang === 'en') return JSX.createElement(JSX.Fragment, null);
    return JSX.createElement('script', null, JSX.createElement(JSX.Raw, { html: `document.documentElement.lang=${JSON.stringify(language.htmlLang)};` }));
  });

  app.renderer.hooks.on('content.begin', (context) => {
    const key = guideKey(context.page.model);
    const pages = key && pagesOf(context.page.project).get(key.slug);
    if (!key || !pages) return JSX.createElement(JSX.Fragment, null);
    const items = languages.map((language) => {
      const target = pages.get(language.code);
      if (language.code === key.lang || !target) {
        return JSX.createElement('span', { class: 'coro-lang-current', 'aria-current': 'page', lang: language.htmlLang }, language.label);
      }
      return JSX.createElement(
        'a',
        { href: context.urlTo(target), hreflang: language.htmlLang, lang: language.htmlLang, 'data-coro-lang': language.code },
        language.label,
      );
    });
    return JSX.createElement('nav', { class: 'coro-lang-switch', 'aria-label': 'Language / 语言' }, ...items);
  });
}
