using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Variables a script has set so far. Snapshots are shared until the next change, forks share their
/// parent's table until they change it, and the number of distinct names is capped, so giving every
/// command its own view stays linear in the input.
/// </summary>
internal sealed class VariableScope
{
    private const int MaxVariables = 128;
    private static readonly Dictionary<string, string> Empty = new();

    private Dictionary<string, string> values;
    private bool ownsValues;
    private IReadOnlyDictionary<string, string>? snapshot;

    public VariableScope()
    {
        values = Empty;
    }

    private VariableScope(Dictionary<string, string> values)
    {
        this.values = values;
    }

    public void Set(string name, string value)
    {
        if (values.Count >= MaxVariables && !values.ContainsKey(name))
        {
            return;
        }

        if (!ownsValues)
        {
            values = new Dictionary<string, string>(values);
            ownsValues = true;
        }

        values[name] = value;
        snapshot = null;
    }

    /// <summary>Empties the scope for the next read (whose context reuses it); snapshots given out are copies and stay.</summary>
    public void Reset()
    {
        if (ownsValues)
        {
            values.Clear();
        }

        snapshot = null;
    }

    /// <summary>An independent copy, for a child shell that inherits the current variables.</summary>
    public VariableScope Fork() => new(values);

    /// <summary>The variables as a command sees them, with its own inline assignments winning.</summary>
    public IReadOnlyDictionary<string, string> View(List<InlineAssignment> inline)
    {
        if (inline.Count == 0)
        {
            snapshot ??= values.Count == 0 ? Empty : new Dictionary<string, string>(values);
            return snapshot;
        }

        var view = new Dictionary<string, string>(values);
        foreach (var assignment in inline)
        {
            view[assignment.Name] = assignment.Value;
        }

        return view;
    }
}
