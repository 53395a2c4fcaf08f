using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Shell;

/// <summary>
/// Knows the option syntax of commands that run another command (env, sudo, timeout, xargs, ...)
/// well enough to find where the wrapped command starts.
/// </summary>
internal static class WrapperArguments
{
    private static readonly Dictionary<string, HashSet<string>> ValueOptions = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
    {
        ["env"] = Set("-u", "--unset", "-C", "--chdir", "-S", "--split-string"),
        ["time"] = Set("-f", "--format", "-o", "--output"),
        ["exec"] = Set("-a"),
        ["command"] = Set(),
        ["builtin"] = Set(),
        ["nohup"] = Set(),
        ["nice"] = Set("-n", "--adjustment"),
        ["ionice"] = Set("-c", "--class", "-n", "--classdata", "-p", "--pid", "-P", "--pgid", "-u", "--uid"),
        ["stdbuf"] = Set("-i", "--input", "-o", "--output", "-e", "--error"),
        ["sudo"] = Set("-u", "--user", "-g", "--group", "-C", "--close-from", "-D", "--chdir", "-h", "--host", "-p", "--prompt", "-r", "--role", "-t", "--type", "-U", "--other-user", "-T", "--command-timeout", "-R", "--chroot"),
        ["doas"] = Set("-u", "-C"),
        ["tini"] = Set("-p", "-e"),
        ["dumb-init"] = Set("-r", "--rewrite"),
        ["xargs"] = Set("-I", "-n", "-P", "-L", "-s", "-d", "-E", "-a", "--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-lines", "--max-chars", "--process-slot-var"),
        ["timeout"] = Set("-s", "--signal", "-k", "--kill-after"),
        ["gosu"] = Set(),
        ["su-exec"] = Set(),
    };

    /// <summary>
    /// When <paramref name="name"/> is a wrapper, returns the index of the first word after its own
    /// options and operands (for env and sudo, assignments may still follow); otherwise -1.
    /// </summary>
    public static int SkipWrapper(string name, List<WordToken> words, int index)
    {
        if (!ValueOptions.TryGetValue(name, out HashSet<string>? valueOptions) || IsCommandLookup(name, words, index))
        {
            return -1;
        }

        int first = index + 1;
        if (name == "env" && first < words.Count && words[first].Value == "-")
        {
            // `env -` is the old spelling of `env -i`.
            first++;
        }

        int next = SkipOptions(words, first, valueOptions);
        switch (name)
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
    public static bool IsCommandLookup(string name, List<WordToken> words, int index)
    {
        if (name != "command" || index + 1 >= words.Count)
        {
            return false;
        }

        string option = words[index + 1].Value;
        return option.Length > 1 && option[0] == '-' && (option.IndexOf('v') > 0 || option.IndexOf('V') > 0);
    }

    /// <summary>Skips <c>-x</c>, <c>--long[=v]</c>, value-taking options with their value, and a final <c>--</c>.</summary>
    private static int SkipOptions(List<WordToken> words, int index, HashSet<string> valueOptions)
    {
        while (index < words.Count)
        {
            string option = words[index].Value;
            if (option == "--")
            {
                return index + 1;
            }

            if (option.Length < 2 || option[0] != '-')
            {
                return index;
            }

            index += valueOptions.Contains(option) ? 2 : 1;
        }

        return index;
    }

    private static HashSet<string> Set(params string[] options) => new HashSet<string>(options, StringComparer.Ordinal);
}
