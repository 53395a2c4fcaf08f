using DockerGoBuild.Dockerfiles.Secrets;

namespace DockerGoBuild.Cli.Fix;

/// <summary>
/// Keeps secret values out of printed diffs: a DGB031 fix deletes lines such as <c>ARG TOKEN=ghp_...</c>,
/// and a diff in a CI log must not repeat the value. Only the value is hidden, so the diff stays readable.
/// </summary>
internal static class DiffRedaction
{
    public const string Mask = "***";

    public static string Line(string line)
    {
        if (TryRedactAssignment(line, out var redacted))
        {
            return redacted;
        }

        return SecretValues.TryFindCredential(line, out var kind) ? $"{Mask} (a line with a {kind}, not shown)" : line;
    }

    /// <summary><c>ARG|ENV NAME=value</c> with a secret name or a credential value: the value becomes the mask.</summary>
    private static bool TryRedactAssignment(string line, out string redacted)
    {
        redacted = line;
        var trimmed = line.TrimStart();
        if (!(trimmed.StartsWith("ARG ", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("ENV ", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        var equals = line.IndexOf('=');
        if (equals < 0)
        {
            return false;
        }

        var keyStart = line.Length - trimmed.Length + 4;
        var key = line.Substring(keyStart, equals - keyStart).Trim();
        var value = line.Substring(equals + 1);
        if (value.Length == 0 || !(SecretNames.IsSecretName(key) || SecretValues.TryFindCredential(value, out _)))
        {
            return false;
        }

        redacted = line.Substring(0, equals + 1) + Mask;
        return true;
    }
}
