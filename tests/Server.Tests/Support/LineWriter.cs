using System.Text;

namespace CodeSight.Server.Tests.Support;

/// <summary>A thread-safe <see cref="TextWriter"/> that keeps every line and lets a test await one that matches.</summary>
public sealed class LineWriter : TextWriter
{
    private readonly Lock _lock = new();
    private readonly List<string> _lines = new();
    private readonly StringBuilder _current = new();
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = new();

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lock) return _lines.ToList();
        }
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            if (value == '\n')
            {
                var line = _current.ToString().TrimEnd('\r');
                _current.Clear();
                _lines.Add(line);
                foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
                {
                    _waiters.Remove(waiter);
                    waiter.Found.TrySetResult(line);
                }
            }
            else
            {
                _current.Append(value);
            }
        }
    }

    /// <summary>The first line (already written or still to come) that meets <paramref name="match"/>; fails after the wait.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan? wait = null)
    {
        TaskCompletionSource<string> found;
        lock (_lock)
        {
            if (_lines.FirstOrDefault(match) is { } seen) return seen;
            found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(wait ?? WsClient.DefaultWait);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("No matching line was written in time; lines so far:\n" + string.Join("\n", Lines.TakeLast(30)));
        }
    }
}
