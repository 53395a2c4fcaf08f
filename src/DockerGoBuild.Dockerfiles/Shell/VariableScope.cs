using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Variables a script has set so far. Snapshots are shared until the next change, and the number of
/// distinct names is capped, so giving every command its own view stays linear in the input.
/// </summary>
internal sealed class VariableScope
{
    private const int MaxVariables = 128;
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private readonly Dictionary<string, string> values;
    private IReadOnlyDictionary<string, string>? snapshot;

    public VariableScope()
    {
        values = new Dictionary<string, string>();
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

        values[name] = value;
        snapshot = null;
    }

    /// <summary>An independent copy, for a child shell that inherits the current variables.</summary>
    public VariableScope Fork() => new VariableScope(new Dictionary<string, string>(values));

    /// <summary>The variables as a command sees them, with its own inline assignments winning.</summary>
    public IReadOnlyDictionary<string, string> View(List<ShellAssignment> inline)
    {
        if (inline.Count == 0)
        {
            snapshot ??= values.Count == 0 ? Empty : new Dictionary<string, string>(values);
            return snapshot;
        }

        var view = new Dictionary<string, string>(values);
        foreach (ShellAssignment assignment in inline)
        {
            view[assignment.Name] = assignment.Value;
        }

        return view;
    }
}
