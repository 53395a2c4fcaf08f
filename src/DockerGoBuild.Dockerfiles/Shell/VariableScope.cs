using System.Collections.Generic;
using System.Runtime.CompilerServices;
using DockerGoBuild.Dockerfiles.Semantics;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Variables a script has set so far. The table is persistent: a command's view is the table as it is (or with its
/// own assignments set on a copy that shares all but a few nodes), forks share their parent's table, and the
/// number of distinct names is capped, so giving every command its own view stays linear in the input.
/// </summary>
internal sealed class VariableScope
{
    private const int MaxVariables = 128;

    private PersistentMap<string> values = PersistentMap<string>.Empty;

    public void Set(string name, string value)
    {
        if (values.Count >= MaxVariables && !values.ContainsKey(name))
        {
            return;
        }

        values = values.SetItem(name, value);
    }

    /// <summary>Empties the scope for the next read (whose context reuses it); views given out stay as they are.</summary>
    public void Reset()
    {
        // Compared first: a scope that stayed empty needs no store, and so no write barrier.
        if (values != PersistentMap<string>.Empty)
        {
            values = PersistentMap<string>.Empty;
        }
    }

    /// <summary>An independent copy, for a child shell that inherits the current variables.</summary>
    public VariableScope Fork() => new() { values = values };

    /// <summary>The variables as a command sees them, with its own inline assignments winning.</summary>
    /// <remarks>Inlined: most commands have no inline assignments, and see the table as it is.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IReadOnlyDictionary<string, string> View(List<InlineAssignment> inline) => inline.Count == 0 ? values : ViewWith(inline);

    private IReadOnlyDictionary<string, string> ViewWith(List<InlineAssignment> inline)
    {
        var view = values;
        for (var i = 0; i < inline.Count; i++)
        {
            view = view.SetItem(inline[i].Name, inline[i].Value);
        }

        return view;
    }
}
