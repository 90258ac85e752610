import ts from 'typescript';

/*
 * `g2.switch();` or `sleep(100);` inside a generator does nothing: the Operation is created and
 * thrown away, the coroutine never suspends. It is the commonest bug in generator code, and
 * neither `no-unused-expressions` (it ignores calls) nor `no-floating-promises` (it skips
 * thenables that are not Promises) catches it. This rule asks the type checker what a dropped
 * call returns; outside a generator it reports an awaitable Operation (`sleep(100);` in async code).
 */

/** Type names whose values only do something when delegated to with `yield*`. */
const LAZY_TYPES = new Set(['Operation', 'Generator']);

function isLazyType(type, checker, seen = new Set()) {
  if (seen.has(type)) return false;
  seen.add(type);
  if (type.isUnion() || type.isIntersection()) return type.types.some((t) => isLazyType(t, checker, seen));
  const names = [type.aliasSymbol?.getName(), type.getSymbol()?.getName()];
  if (names.some((n) => n !== undefined && LAZY_TYPES.has(n))) return true;
  // An interface that extends Operation (e.g. a branded SwitchOperation) is lazy too. A generic
  // one (`Switch<T>`) is a reference to its declared target, which is where the bases live.
  const declared = type.target ?? type;
  const bases = declared.isClassOrInterface?.() ? checker.getBaseTypes(declared) : [];
  return bases.some((b) => isLazyType(b, checker, seen));
}

function insideGenerator(node) {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') return n.generator === true;
    if (n.type === 'ArrowFunctionExpression') return false;
  }
  return false;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow creating an Operation inside a coroutine without `yield*`' },
    messages: {
      dropped:
        'This call returns {{type}}, which does nothing until you delegate to it. Write `yield* {{code}}` (or assign it and yield* it later).',
      droppedAwaitable: 'This call returns {{type}}, which does nothing until it is awaited. Write `await {{code}}` (or `yield* {{code}}` inside a coroutine).',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) {
      throw new Error('coro/no-dropped-operation needs type information: set parserOptions.projectService.');
    }
    const checker = services.program.getTypeChecker();
    return {
      'ExpressionStatement > CallExpression'(node) {
        const tsNode = services.esTreeNodeToTSNodeMap.get(node);
        const type = checker.getTypeAtLocation(tsNode);
        const inCoroutine = insideGenerator(node);
        // Outside a coroutine only an awaitable Operation (`sleep(100);` in async code) is a
        // mistake: no-floating-promises skips thenables that are not Promises, and a plain
        // Operation there is a synchronous entry (greenlet's root switch()).
        if (!isLazyType(type, checker) || (!inCoroutine && type.getProperty('then') === undefined)) return;
        context.report({
          node,
          messageId: inCoroutine ? 'dropped' : 'droppedAwaitable',
          data: { type: checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation), code: context.sourceCode.getText(node) },
        });
      },
    };
  },
};
