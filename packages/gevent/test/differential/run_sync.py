import json, sys, gevent
from gevent.lock import Semaphore, BoundedSemaphore
from gevent.event import Event, AsyncResult
from gevent.queue import Channel
progs = json.load(open(sys.argv[1]))
out = []
for prog in progs:
    gevent.sleep(0)
    k = prog['kind']
    o = {'Semaphore': lambda: Semaphore(prog['init']), 'BoundedSemaphore': lambda: BoundedSemaphore(max(prog['init'], 1)), 'Event': Event, 'AsyncResult': AsyncResult, 'Channel': Channel}[k]()
    log = []
    def do(who, op):
        name, v = op
        try:
            if name == 'acquire': log.append([who, name, o.acquire()])
            elif name == 'acquire_nb': log.append([who, name, o.acquire(blocking=False)])
            elif name == 'release': log.append([who, name, o.release()])
            elif name == 'wait': log.append([who, name, o.wait()])
            elif name == 'sleep0': gevent.sleep(0); log.append([who, 'slept'])
            elif name == 'set': o.set(v) if k == 'AsyncResult' else o.set(); log.append([who, 'set'])
            elif name == 'clear': o.clear(); log.append([who, 'clear'])
            elif name == 'is_set': log.append([who, name, o.is_set()])
            elif name == 'ready': log.append([who, name, bool(o.ready())])
            elif name == 'get': log.append([who, name, o.get()])
            elif name == 'put': o.put(v); log.append([who, name, v])
        except ValueError as e: log.append([who, name, 'ValueError'])
    def run(i, ops):
        for op in ops: do(i, op)
        log.append([i, 'done'])
    gs = [gevent.spawn(run, i, ops) for i, ops in enumerate(prog['gs'])]
    for op in prog['main']: do('m', op)
    for _ in range(6): gevent.sleep(0)
    gevent.killall(gs)
    out.append(log)
print(json.dumps(out))
