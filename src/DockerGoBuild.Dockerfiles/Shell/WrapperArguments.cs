using System.Collections.Generic;
using System.Linq;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Knows the option syntax of commands that run another command (env, sudo, timeout, xargs, ...)
/// well enough to find where the wrapped command starts.
/// </summary>
internal static class WrapperArguments
{
    private static readonly Wrapper[] WrapperList =
    {
        new Wrapper("env", "-u", "--unset", "-C", "--chdir", "-S", "--split-string"),
        new Wrapper("time", "-f", "--format", "-o", "--output"),
        new Wrapper("exec", "-a"),
        new Wrapper("command"),
        new Wrapper("builtin"),
        new Wrapper("nohup"),
        new Wrapper("nice", "-n", "--adjustment"),
        new Wrapper("ionice", "-c", "--class", "-n", "--classdata", "-p", "--pid", "-P", "--pgid", "-u", "--uid"),
        new Wrapper("stdbuf", "-i", "--input", "-o", "--output", "-e", "--error"),
        new Wrapper("sudo", "-u", "--user", "-g", "--group", "-C", "--close-from", "-D", "--chdir", "-h", "--host", "-p", "--prompt", "-r", "--role", "-t", "--type", "-U", "--other-user", "-T", "--command-timeout", "-R", "--chroot"),
        new Wrapper("doas", "-u", "-C"),
        new Wrapper("tini", "-p", "-e"),
        new Wrapper("dumb-init", "-r", "--rewrite"),
        new Wrapper("xargs", "-I", "-n", "-P", "-L", "-s", "-d", "-E", "-a", "--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-lines", "--max-chars", "--process-slot-var"),
        new Wrapper("timeout", "-s", "--signal", "-k", "--kill-after"),
        new Wrapper("gosu"),
        new Wrapper("su-exec"),
    };

    private static readonly NameTable<Wrapper> Wrappers = Index(WrapperList);

    private static readonly NameFilter WrapperNames = new(WrapperList.Select(wrapper => wrapper.Name));

    /// <summary>The wrappers' names, and <c>command</c> (see <see cref="IsCommandLookup"/>).</summary>
    public static IEnumerable<string> Names => WrapperList.Select(wrapper => wrapper.Name).Append("command");

    /// <summary>
    /// When <paramref name="name"/> is a wrapper, returns the index of the first word after its own
    /// options and operands (for env and sudo, assignments may still follow); otherwise -1.
    /// </summary>
    public static int SkipWrapper(ScriptParser parser, CharSlice name, WordList words, int index, int to)
    {
        var wrapper = Find(name);
        if (wrapper == null || IsCommandLookup(parser, name, words, index, to))
        {
            return -1;
        }

        var first = index + 1;
        if (wrapper.Name == "env" && first < to && parser.Value(words[first]).Is("-"))
        {
            // `env -` is the old spelling of `env -i`.
            first++;
        }

        var next = SkipOptions(parser, words, first, to, wrapper.ValueOptions);
        switch (wrapper.Name)
        {
            case "timeout":
            case "gosu":
            case "su-exec":
                // timeout takes a DURATION, gosu and su-exec a USER, before the command.
                return next + 1;
            default:
                return next;
        }
    }

    /// <summary>True for <c>command -v NAME</c> / <c>command -V NAME</c>, which only look NAME up and run nothing.</summary>
    public static bool IsCommandLookup(ScriptParser parser, CharSlice name, WordList words, int index, int to)
    {
        if (!name.Is("command") || index + 1 >= to)
        {
            return false;
        }

        var option = parser.Value(words[index + 1]);
        return option.Length > 1 && option[0] == '-' && (option.IndexOf('v') > 0 || option.IndexOf('V') > 0);
    }

    private static Wrapper? Find(CharSlice name) => WrapperNames.MayBe(name) && Wrappers.TryFind(name, out var wrapper) ? wrapper : null;

    private static NameTable<Wrapper> Index(Wrapper[] wrappers)
    {
        var entries = new List<KeyValuePair<string, Wrapper>>();
        foreach (var wrapper in wrappers)
        {
            entries.Add(new KeyValuePair<string, Wrapper>(wrapper.Name, wrapper));
        }

        return new NameTable<Wrapper>(entries);
    }

    /// <summary>Skips <c>-x</c>, <c>--long[=v]</c>, value-taking options with their value, and a final <c>--</c>.</summary>
    private static int SkipOptions(ScriptParser parser, WordList words, int index, int to, string[] valueOptions)
    {
        while (index < to)
        {
            var option = parser.Value(words[index]);
            if (option.Is("--"))
            {
                return index + 1;
            }

            if (option.Length < 2 || option[0] != '-')
            {
                return index;
            }

            index += option.IsAny(valueOptions) ? 2 : 1;
        }

        return index;
    }

    private sealed class Wrapper
    {
        public Wrapper(string name, params string[] valueOptions)
        {
            Name = name;
            ValueOptions = valueOptions;
        }

        public string Name { get; }

        /// <summary>The options that take the next word as their value.</summary>
        public string[] ValueOptions { get; }
    }
}
