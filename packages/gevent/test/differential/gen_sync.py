import json, random, sys
def gen(seed):
    r = random.Random(seed)
    kind = r.choice(['Semaphore', 'BoundedSemaphore', 'Event', 'AsyncResult', 'Channel'])
    init = r.choice([0, 1, 2])
    ops_for = {
        'Semaphore': ['acquire', 'acquire', 'acquire_nb', 'release', 'release', 'wait', 'sleep0'],
        'BoundedSemaphore': ['acquire', 'acquire', 'acquire_nb', 'release', 'release', 'wait', 'sleep0'],
        'Event': ['wait', 'wait', 'set', 'clear', 'sleep0', 'is_set'],
        'AsyncResult': ['wait', 'get', 'set', 'sleep0', 'ready'],
        'Channel': ['put', 'get', 'get', 'put', 'sleep0'],
    }[kind]
    main_ops = [o for o in ops_for if o in ('release', 'set', 'clear', 'sleep0', 'acquire_nb', 'is_set', 'ready')]
    v = 0
    gs = []
    for g in range(r.randint(2, 4)):
        ops = []
        for _ in range(r.randint(1, 5)):
            v += 1; ops.append([r.choice(ops_for), v])
        gs.append(ops)
    main = []
    for _ in range(r.randint(0, 5)):
        v += 1; main.append([r.choice(main_ops), v])
    return dict(kind=kind, init=init, gs=gs, main=main)
print(json.dumps([gen(s) for s in range(int(sys.argv[1]), int(sys.argv[2]))]))
