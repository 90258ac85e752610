import json, sys, gevent
from gevent.queue import Queue, LifoQueue, JoinableQueue, Empty, Full
progs = json.load(open(sys.argv[1]))
out = []
for prog in progs:
    gevent.sleep(0)
    q = {'Queue': Queue, 'LifoQueue': LifoQueue, 'JoinableQueue': JoinableQueue}[prog['kind']](prog['maxsize'])
    log = []
    def do(who, op):
        name = op[0]
        try:
            if name == 'put': q.put(op[1]); log.append([who, 'put', op[1]])
            elif name == 'put_nowait': q.put_nowait(op[1]); log.append([who, 'putnw', op[1]])
            elif name == 'get': log.append([who, 'get', q.get()])
            elif name == 'get_nowait': log.append([who, 'getnw', q.get_nowait()])
            elif name == 'peek': log.append([who, 'peek', q.peek()])
            elif name == 'peek_nowait': log.append([who, 'peeknw', q.peek_nowait()])
            elif name == 'sleep0': gevent.sleep(0); log.append([who, 'slept'])
        except Empty: log.append([who, name, 'Empty'])
        except Full: log.append([who, name, 'Full'])
    def run(i, ops):
        for op in ops: do(i, op)
        log.append([i, 'done'])
    gs = [gevent.spawn(run, i, ops) for i, ops in enumerate(prog['gs'])]
    for op in prog['main']: do('m', op)
    for _ in range(6): gevent.sleep(0)
    log.append(['qsize', q.qsize()])
    gevent.killall(gs)
    out.append(log)
print(json.dumps(out))
