import json, random, sys
def gen(seed):
    r = random.Random(seed)
    kind = r.choice(['Queue', 'LifoQueue', 'JoinableQueue'])
    maxsize = r.choice([None, 1, 2])
    gs = []
    v = 0
    for g in range(r.randint(2, 4)):
        ops = []
        for _ in range(r.randint(1, 6)):
            op = r.choice(['put', 'put', 'put_nowait', 'get', 'get', 'get_nowait', 'peek', 'sleep0', 'peek_nowait'])
            if op.startswith('put'):
                v += 1; ops.append([op, v])
            else: ops.append([op])
        gs.append(ops)
    mainops = []
    for _ in range(r.randint(0, 4)):
        op = r.choice(['put_nowait', 'get_nowait', 'sleep0', 'peek_nowait'])
        if op == 'put_nowait': v += 1; mainops.append([op, v])
        else: mainops.append([op])
    return dict(kind=kind, maxsize=maxsize, gs=gs, main=mainops)
print(json.dumps([gen(s) for s in range(int(sys.argv[1]), int(sys.argv[2]))]))
