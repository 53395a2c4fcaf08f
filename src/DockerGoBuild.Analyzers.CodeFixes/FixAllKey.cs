namespace DockerGoBuild.Analyzers.CodeFixes;

/// <summary>
/// The code actions' equivalence key: the rule id and the Dockerfile's path. <c>FixAllContext</c> has no
/// additional-document form, so the path in the key is how a document-scope FixAll learns which Dockerfile
/// it is for; project and solution scope use only the rule id.
/// </summary>
internal static class FixAllKey
{
    private const char Separator = '|';

    public static string Create(string ruleId, string? path) => ruleId + Separator + (path ?? string.Empty);

    public static bool TryRead(string? key, out string ruleId, out string path)
    {
        ruleId = string.Empty;
        path = string.Empty;
        var separator = key?.IndexOf(Separator) ?? -1;
        if (key is null || separator <= 0)
        {
            return false;
        }

        ruleId = key.Substring(0, separator);
        path = key.Substring(separator + 1);
        return true;
    }
}
