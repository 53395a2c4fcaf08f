using System;
using System.Collections.Generic;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Semantics;

/// <summary>A command a RUN executes: its name, arguments, the variables set for it, and where it is.</summary>
internal sealed class ExecutedCommand
{
    public ExecutedCommand(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> variables, TextSpan span)
    {
        Name = name;
        Arguments = arguments;
        Variables = variables;
        Span = span;
    }

    /// <summary>The program's base name without directories or <c>.exe</c>.</summary>
    public string Name { get; }

    /// <summary>The arguments after the program name.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Variables set on the command or earlier in the same RUN script.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    /// <summary>The command's source span.</summary>
    public TextSpan Span { get; }

    public string Argument(int index) => index < Arguments.Count ? Arguments[index] : string.Empty;

    public bool HasArgument(string value)
    {
        foreach (var argument in Arguments)
        {
            if (string.Equals(argument, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of an option written <c>NAME VALUE</c> or <c>NAME=VALUE</c>, or null.</summary>
    public string? OptionValue(string name)
    {
        for (var i = 0; i < Arguments.Count; i++)
        {
            var argument = Arguments[i];
            if (argument == name && i + 1 < Arguments.Count)
            {
                return Arguments[i + 1];
            }

            if (argument.Length > name.Length && argument[name.Length] == '=' && argument.StartsWith(name, StringComparison.Ordinal))
            {
                return argument.Substring(name.Length + 1);
            }
        }

        return null;
    }
}
