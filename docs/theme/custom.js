// The sidebar lists both languages' guides (TypeDoc builds one navigation for the whole site); show only the
// group of the page's language. API pages are English.
(() => {
  const groups = { en: 'Guides', 'zh-CN': '中文指南' };
  const mine = groups[document.documentElement.lang] ?? groups.en;
  const hideOthers = (container) => {
    for (const summary of container.querySelectorAll(':scope > li > details > summary')) {
      const title = summary.dataset.key ?? summary.textContent.trim();
      const isGuides = Object.values(groups).includes(title);
      summary.closest('li').classList.toggle('coro-other-language', isGuides && title !== mine);
    }
  };
  const start = () => {
    const container = document.getElementById('tsd-nav-container');
    if (!container) return;
    hideOthers(container);
    new MutationObserver(() => hideOthers(container)).observe(container, { childList: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
