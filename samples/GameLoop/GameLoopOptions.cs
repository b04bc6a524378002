using System.Globalization;

namespace GameLoop;

/// <summary>The command line: <c>[--frames N] [--db PATH] [--seed S] [--ratio R]</c>.</summary>
public sealed record GameLoopOptions
{
    /// <summary>Frames to run, at 60 per second.</summary>
    public long Frames { get; init; } = 300;

    /// <summary>The SQLite ledger file.</summary>
    public string LedgerPath { get; init; } = "gameloop.db";

    /// <summary>The world's random seed.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>The fraction of frames recorded (the engine's head-sampling ratio).</summary>
    public double Ratio { get; init; } = 1.0;

    /// <summary>Parses the arguments.</summary>
    /// <exception cref="ArgumentException">An unknown option or a bad value, named in the message.</exception>
    public static GameLoopOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GameLoopOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--frames" => options with { Frames = Number(name, value, long.Parse, min: 1) },
                "--seed" => options with { Seed = Number(name, value, int.Parse, min: 0) },
                "--ratio" => options with { Ratio = Number(name, value, double.Parse, min: 0.0) },
                "--db" => options with { LedgerPath = value },
                _ => throw new ArgumentException($"Unknown option '{name}'; expected --frames, --db, --seed or --ratio."),
            };
        }

        return options;
    }

    private static T Number<T>(string name, string text, Func<string, NumberStyles, IFormatProvider, T> parse, T min)
        where T : IComparable<T>
    {
        T value;
        try
        {
            value = parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new ArgumentException($"{name}: '{text}' is not a number.", e);
        }

        return value.CompareTo(min) >= 0 ? value : throw new ArgumentException($"{name}: {text} is below {min}.");
    }
}
