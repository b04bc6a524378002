using System.Text;

namespace CodeSight.Actors.Configuration;

/// <summary>Writes a tree back out as indented HOCON that is also JSON when the tree is resolved.</summary>
internal static class HoconRenderer
{
    public static string Render(HoconNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, HoconNode node, int depth)
    {
        switch (node)
        {
            case HoconObject o:
                if (o.Count == 0)
                {
                    builder.Append("{}");
                    return;
                }

                builder.Append("{\n");
                for (var i = 0; i < o.Keys.Count; i++)
                {
                    var key = o.Keys[i];
                    o.TryGet(key, out var value);
                    Indent(builder, depth + 1).Append(HoconText.Quote(key)).Append(": ");
                    Write(builder, value, depth + 1);
                    builder.Append(i < o.Keys.Count - 1 ? ",\n" : "\n");
                }

                Indent(builder, depth).Append('}');
                return;
            case HoconArray a:
                builder.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    builder.Append(i > 0 ? ", " : "");
                    Write(builder, a.Items[i], depth + 1);
                }

                builder.Append(']');
                return;
            case HoconScalar { Kind: HoconScalarKind.String } s:
                builder.Append(HoconText.Quote(s.Text));
                return;
            case HoconScalar s:
                builder.Append(s.Text);
                return;
            case HoconSubstitution s:
                builder.Append(s);
                return;
            case HoconConcatenation c:
                foreach (var part in c.Parts)
                {
                    Write(builder, part, depth);
                }

                return;
            case HoconOverride v:
                Write(builder, v.Value, depth);
                return;
        }
    }

    private static StringBuilder Indent(StringBuilder builder, int depth) => builder.Append(' ', depth * 2);
}
