using CodeSight.Engine.Sight;

namespace CodeSight.Server.Web.Protocol;

/// <summary>
/// The dynamic-instrumentation commands of protocol v1, applied to the host's <see cref="SightRegistry"/>: they take
/// effect in the running host at once (the registry swaps its copy-on-write state).
/// </summary>
internal static class SightCommands
{
    public const string Names = "set_threshold, clear_threshold, enable_point, disable_point, set_sight, set_log_rule, remove_log_rule";

    /// <summary>Applies the command in <paramref name="message"/>; returns its name.</summary>
    public static string Execute(JsonFields message, SightRegistry sight)
    {
        var command = message.RequiredString("command");
        try
        {
            switch (command)
            {
                case "set_threshold":
                    sight.SetThreshold(message.RequiredString("point"), message.RequiredString("metric"), message.RequiredNumber("value"), message.OptionalBoolean("failClosed", false));
                    break;
                case "clear_threshold":
                    if (!sight.ClearThreshold(message.RequiredString("point"), message.RequiredString("metric")))
                    {
                        throw new ProtocolException("not_found", "metric", $"no threshold is set on {message.RequiredString("point")}.{message.RequiredString("metric")}.");
                    }

                    break;
                case "enable_point":
                    sight.Enable(message.RequiredString("point"));
                    break;
                case "disable_point":
                    sight.Disable(message.RequiredString("point"));
                    break;
                case "set_sight":
                    sight.Enabled = message.RequiredBoolean("enabled");
                    break;
                case "set_log_rule":
                    sight.AddLogRule(Rule(message));
                    break;
                case "remove_log_rule":
                    if (!sight.RemoveLogRule(message.RequiredString("name")))
                    {
                        throw new ProtocolException("not_found", "name", $"no log rule is named \"{message.RequiredString("name")}\".");
                    }

                    break;
                default:
                    throw new ProtocolException("bad_field", "command", $"\"{command}\" is not a command; expected one of {Names}.");
            }
        }
        catch (ArgumentException e)
        {
            // The registry names the parameter; on the wire the parameter is the field of the same name.
            var field = e.ParamName is "name" or null ? (command is "set_log_rule" or "remove_log_rule" ? "name" : "point") : e.ParamName;
            var reason = e.Message;
            var cut = reason.IndexOf(" (Parameter", StringComparison.Ordinal);
            throw new ProtocolException("rejected", field, cut > 0 ? reason[..cut] : reason);
        }

        return command;
    }

    private static LogRule Rule(JsonFields message)
    {
        var name = message.RequiredString("name");
        var action = message.RequiredString("action");
        var target = Blank(message.OptionalString("target"));
        var contains = message.OptionalString("contains") is { Length: > 0 } text ? text : null;
        var level = Blank(message.OptionalString("level"));
        return action switch
        {
            "drop" => LogRule.Drop(name, target, contains, level),
            "set_level" => LogRule.SetLevel(name, message.RequiredString("newLevel"), target, contains, level),
            _ => throw new ProtocolException("bad_field", "action", $"\"{action}\" is not a log rule action; expected drop or set_level."),
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
