# Runs the programs of programs.ts (JSON on stdin) under Python's greenlet and prints, per
# program, the digest of its log (interpreter.ts writes the same log) as a JSON array.
# Regenerate expected.json with: node --import tsx test/differential/record.ts > test/differential/expected.json
import hashlib, json, sys
from contextvars import ContextVar, copy_context
from greenlet import greenlet, getcurrent, GreenletExit, settrace

main = getcurrent()
keep = []

def norm(v):
    if isinstance(v, GreenletExit): return ['Exit', str(v)]
    if isinstance(v, BaseException): return ['Err', type(v).__name__, str(v.args[0]) if v.args else '']
    if isinstance(v, (tuple, list)): return [norm(x) for x in v]
    if isinstance(v, dict): return {k: norm(x) for k, x in sorted(v.items())}
    return v

def run_program(p):
    log = []
    gs = {}
    nxt = [0]
    spawned = [0]
    cv = ContextVar('cv', default='default')
    contexts = []
    def ctx_name(c):
        if c is None: return None
        for i, x in enumerate(contexts):
            if x is c: return i
        contexts.append(c)
        return len(contexts) - 1
    bomb = [False]
    def tracer(event, args):
        log.append(['trace', event, name(args[0]), name(args[1])])
        if bomb[0]:
            bomb[0] = False
            raise KeyError('t')
    def name(g):
        return 'main' if g is main else [k for k, v in gs.items() if v is g][0]
    def target(n): return main if n == 'main' else gs[n]
    def states(): return [[k, bool(g), g.dead] for k, g in gs.items()]
    def interp(me, catch_exit):
        while nxt[0] < len(p['acts']):
            a = p['acts'][nxt[0]]; nxt[0] += 1
            if a[0] in ('switch', 'throw', 'reparent') and not (a[1] == 'main' or a[1] in gs):
                log.append(['missing', me, a[1]])
            elif a[0] == 'spawn':
                nm = 's%d' % spawned[0]; spawned[0] += 1
                gs[nm] = greenlet(make_run(nm, spawned[0] % 2 == 0))
                log.append(['spawned', me, nm, name(gs[nm].parent)])
            elif a[0] == 'ctx' and not (a[1] == 'main' or a[1] in gs):
                log.append(['missing', me, a[1]])
            elif a[0] == 'cvset':
                cv.set('%s:%d' % (me, a[1]))
            elif a[0] == 'cvget':
                log.append(['cvget', me, cv.get()])
            elif a[0] == 'ctx':
                g = target(a[1])
                if a[2] == 'copy': g.gr_context = copy_context()
                elif a[2] == 'share': g.gr_context = getcurrent().gr_context
                elif a[2] == 'none': g.gr_context = None
                else: log.append(['ctx', me, a[1], ctx_name(g.gr_context)])
            elif a[0] == 'bomb':
                bomb[0] = True
            elif a[0] == 'retrace':
                log.append(['retrace', me, settrace(tracer) is tracer])
            elif a[0] in ('switch', 'throw'):
                try:
                    if a[0] == 'switch':
                        r = target(a[1]).switch(*a[2], **(a[3] or {}))
                    else:
                        r = target(a[1]).throw({'exit': GreenletExit, 'key': KeyError('k'), 'exitmsg': GreenletExit('m')}[a[2]])
                    log.append(['got', me, norm(r)])
                except GreenletExit as e:
                    log.append(['caught-exit', me, str(e)])
                    if not catch_exit: raise
                except KeyError as e:
                    log.append(['caught', me, str(e.args[0])])
                except (TypeError, ValueError, AttributeError) as e:
                    log.append(['err', me, type(e).__name__])
            elif a[0] == 'return':
                if me != 'main':
                    log.append(['return', me, a[1]]); return ['ret', me, a[1]]
            elif a[0] == 'raise':
                if me != 'main':
                    log.append(['raise', me]); raise KeyError('r' + me)
            elif a[0] == 'reparent':
                try:
                    target(a[1]).parent = target(a[2]); log.append(['reparent', me, 'ok'])
                except (TypeError, ValueError, AttributeError) as e:
                    log.append(['reparent', me, type(e).__name__])
            else:
                log.append(['state', me, states()])
        return ['end', me]
    def make_run(nm, catch_exit):
        def run(*args, **kwargs):
            args = list(args) + ([kwargs] if kwargs else [])
            log.append(['start', nm, norm(args)])
            return interp(nm, catch_exit)
        return run
    for i in range(p['n']):
        nm = 'g%d' % i
        run = make_run(nm, p['catch_exit'][i])
        gs[nm] = greenlet(parent=target(p['parents'][i])) if p['no_run'][i] else greenlet(run, target(p['parents'][i]))
    keep.append(gs)
    settrace(tracer)
    try:
        interp('main', True)
    except BaseException as e:
        log.append(['main-escaped', norm(e)])
    finally:
        settrace(None)
    log.append(['final', states()])
    return log

def digest(log):
    return hashlib.sha256(json.dumps(log, separators=(',', ':')).encode()).hexdigest()[:16]

print(json.dumps([digest(run_program(p)) for p in json.load(sys.stdin)]))
