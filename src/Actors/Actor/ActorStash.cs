using CodeSight.Actors.Dispatch;

namespace CodeSight.Actors;

/// <summary>The stash of one actor; it survives restarts by unstashing into the mailbox and dies with the actor.</summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = new();

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null) throw new InvalidOperationException($"{cell.Self.Path}: there is no current message to stash.");
        if (_stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, current.Message))
        {
            throw new InvalidOperationException($"{cell.Self.Path}: the message {current.Message.GetType().Name} is already stashed.");
        }
        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0) return;
        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Mailbox.Prepend([first]);
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0) return;
        var all = _stashed.ToArray();
        _stashed.Clear();
        cell.Mailbox.Prepend(all);
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }
}
