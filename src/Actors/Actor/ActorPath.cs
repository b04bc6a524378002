namespace CodeSight.Actors;

/// <summary>
/// The path of an actor in its system's hierarchy: <c>/</c> is the root, <c>/user</c> holds actors created with
/// <see cref="ActorSystem.ActorOf(Props, string?)"/>, <c>/system</c> holds the kernel's own actors, <c>/temp</c> holds ask promises.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>
{
    private ActorPath(ActorPath? parent, string name, string systemName)
    {
        Parent = parent;
        Name = name;
        SystemName = systemName;
    }

    /// <summary>The parent path, or null for the root.</summary>
    public ActorPath? Parent { get; }

    /// <summary>The last element of the path (empty for the root).</summary>
    public string Name { get; }

    /// <summary>The name of the actor system the path belongs to.</summary>
    public string SystemName { get; }

    /// <summary>Number of elements below the root.</summary>
    public int Depth => Parent is null ? 0 : Parent.Depth + 1;

    /// <summary>Creates the root path of a system.</summary>
    public static ActorPath Root(string systemName) => new(null, string.Empty, systemName);

    /// <summary>Creates the path of a child named <paramref name="name"/>.</summary>
    public ActorPath Child(string name) => new(this, name, SystemName);

    /// <summary>The elements below the root, outermost first.</summary>
    public IReadOnlyList<string> Elements
    {
        get
        {
            var list = new List<string>(Depth);
            for (var p = this; p.Parent is not null; p = p.Parent) list.Add(p.Name);
            list.Reverse();
            return list;
        }
    }

    /// <summary>The path without the system address, e.g. <c>/user/a/b</c>.</summary>
    public string ToStringWithoutAddress()
    {
        if (Parent is null) return "/";
        return Parent.Parent is null ? "/" + Name : Parent.ToStringWithoutAddress() + "/" + Name;
    }

    /// <summary>The full path with the system address, e.g. <c>codesight://sim/user/a</c>.</summary>
    public override string ToString() => "codesight://" + SystemName + ToStringWithoutAddress();

    /// <inheritdoc />
    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || Name != other.Name || SystemName != other.SystemName) return false;
        return Equals(Parent, other.Parent);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ActorPath other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Parent is null ? SystemName.GetHashCode(StringComparison.Ordinal)
        : HashCode.Combine(Parent.GetHashCode(), Name.GetHashCode(StringComparison.Ordinal));

    /// <summary>
    /// Checks that <paramref name="name"/> may name a child actor: not empty, not starting with <c>$</c> (reserved
    /// for generated names), and made of letters, digits and <c>-_.:@&amp;=+,!~*'</c>.
    /// </summary>
    /// <exception cref="InvalidActorNameException">The name is not valid; the message says why.</exception>
    public static void ValidateChildName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new InvalidActorNameException("An actor name must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name '{name}' is invalid: names starting with '$' are reserved for generated names.");
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsAsciiLetterOrDigit(c) || "-_.:@&=+,!~*'".Contains(c)) continue;
            throw new InvalidActorNameException($"Actor name '{name}' is invalid: character '{c}' at index {i} is not allowed (use letters, digits and -_.:@&=+,!~*').");
        }
    }
}
