/** The file descriptor the driver reads cells from (one JSON object per line). */
export const REQUEST_FD = 3;
/** The file descriptor the driver writes results to (one JSON object per line). */
export const RESULT_FD = 4;

/**
 * The REPL driver run by `python3 -u -c`. It talks over fds 3 and 4, not stdin/stdout, so a
 * cell's prints and the output of programs it starts cannot corrupt the protocol. During a cell,
 * fds 1 and 2 point at one temporary file, so Python output and subprocess output land in it in
 * the order they were written; only the file's head and tail are read back, so a cell printing
 * gigabytes costs no memory here. SIGINT interrupts a running cell (KeyboardInterrupt) and is
 * ignored between cells, so a late interrupt cannot kill an idle interpreter.
 *
 * Request: `{"code", "limit", "env_set", "env_unset"}`; result: `{"output", "dropped",
 * "exception"}` (`dropped`: bytes of output between head and tail that were not read;
 * `exception`: the name of the exception the cell raised, or null).
 */
export const DRIVER_SOURCE = String.raw`
import ast, builtins, json, os, signal, sys, tempfile, traceback

os.set_inheritable(${REQUEST_FD}, False)
os.set_inheritable(${RESULT_FD}, False)
requests = os.fdopen(${REQUEST_FD}, 'rb')
results = os.fdopen(${RESULT_FD}, 'wb')
capture = tempfile.TemporaryFile()
user_globals = {'__name__': '__main__', '__builtins__': builtins}
running = False

def on_sigint(signum, frame):
    if running:
        raise KeyboardInterrupt

signal.signal(signal.SIGINT, on_sigint)

def run_cell(code):
    global running
    tree = ast.parse(code, '<cell>', 'exec')
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    running = True
    try:
        exec(compile(tree, '<cell>', 'exec'), user_globals)
        if last is not None:
            value = eval(compile(ast.Expression(last.value), '<cell>', 'eval'), user_globals)
            if value is not None:
                user_globals['_'] = value
                print(repr(value))
    finally:
        running = False

def report(error):
    # The driver's own frame is not the user's business: start at the cell.
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != '<cell>':
        tb = tb.tb_next
    if isinstance(error, SyntaxError):
        tb = None
    sys.stderr.write(''.join(traceback.format_exception(type(error), error, tb)))

def read_back(limit):
    size = capture.seek(0, os.SEEK_END)
    capture.seek(0)
    if size <= 2 * limit:
        return capture.read().decode('utf-8', 'replace'), 0
    head = capture.read(limit)
    capture.seek(size - limit)
    tail = capture.read(limit)
    return (head + tail).decode('utf-8', 'replace'), size - 2 * limit

def execute(request):
    for name, value in request.get('env_set', {}).items():
        os.environ[name] = value
    for name in request.get('env_unset', []):
        os.environ.pop(name, None)
    capture.seek(0)
    capture.truncate()
    saved = (os.dup(1), os.dup(2))
    os.dup2(capture.fileno(), 1)
    os.dup2(capture.fileno(), 2)
    exception = None
    try:
        run_cell(request['code'])
    except BaseException as error:
        exception = type(error).__name__
        report(error)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])
    output, dropped = read_back(request['limit'])
    return {'output': output, 'dropped': dropped, 'exception': exception}

for line in requests:
    answer = execute(json.loads(line))
    results.write(json.dumps(answer).encode('utf-8') + b'\n')
    results.flush()
`;
