using System;

namespace DockerGoBuild.Dockerfiles.Secrets;

/// <summary>
/// DGB031: finds well-known credential formats anywhere in an ARG/ENV value.
/// Minimum lengths keep placeholders such as <c>ghp_xxx</c> out.
/// </summary>
public static class SecretValues
{
    private const string PrivateKeyHeaderStart = "-----BEGIN ";
    private const string PrivateKeyHeaderEnd = "PRIVATE KEY";
    private const string PrivateKeyHeaderDashes = "-----";

    /// <summary>
    /// Returns true when <paramref name="value"/> contains a credential; <paramref name="kind"/> is a
    /// human label such as "GitHub token", never the matched text, so it is safe to show.
    /// </summary>
    public static bool TryFindCredential(string value, out string kind) => TryFindCredential(value.AsSpan(), out kind);

    /// <summary><see cref="TryFindCredential(string, out string)"/> of a value read where it lies.</summary>
    internal static bool TryFindCredential(ReadOnlySpan<char> value, out string kind)
    {
        kind = string.Empty;
        if (value.Length < ShortestCredential)
        {
            return false;
        }

        // One pass over the value: each kind's prefix starts with a character that says which kinds to try there.
        // The kinds are ranked (GitHub first): what is found is remembered, and the best one found is reported.
        // No credential starts where fewer characters than the shortest one's are left.
        var found = Kinds.None;
        for (var i = 0; i + ShortestCredential <= value.Length; i++)
        {
            switch (value[i])
            {
                case 'g':
                    if ((StartsAt(value, i, "ghp_") || StartsAt(value, i, "gho_") || StartsAt(value, i, "ghs_")) && HasRun(value, i + 4, IsAlphanumeric, 20))
                    {
                        // The best kind there is: nothing found later can rank higher.
                        kind = CredentialKinds[0];
                        return true;
                    }

                    found |= StartsAt(value, i, "github_pat_") && HasRun(value, i + 11, IsAlphanumericOrUnderscore, 20) ? Kinds.GitHubFineGrained : Kinds.None;
                    found |= StartsAt(value, i, "glpat-") && HasRun(value, i + 6, IsAlphanumericUnderscoreOrDash, 20) ? Kinds.GitLab : Kinds.None;
                    break;
                case 'A':
                    found |= StartsAt(value, i, "AKIA") && HasRun(value, i + 4, IsUpperOrDigit, 16) ? Kinds.Aws : Kinds.None;
                    found |= StartsAt(value, i, "AccountKey=") && HasRun(value, i + 11, IsBase64, 20) ? Kinds.Azure : Kinds.None;
                    break;
                case 'x':
                    found |= IsSlackTokenAt(value, i) ? Kinds.Slack : Kinds.None;
                    break;
                case 'n':
                    found |= StartsAt(value, i, "npm_") && HasRun(value, i + 4, IsAlphanumeric, 36) ? Kinds.Npm : Kinds.None;
                    break;
                case '-':
                    found |= IsPrivateKeyHeaderAt(value, i) ? Kinds.PrivateKey : Kinds.None;
                    break;
            }
        }

        kind = (found & Kinds.GitHubFineGrained) != 0 ? CredentialKinds[1]
            : (found & Kinds.GitLab) != 0 ? CredentialKinds[2]
            : (found & Kinds.Aws) != 0 ? CredentialKinds[3]
            : (found & Kinds.Slack) != 0 ? CredentialKinds[4]
            : (found & Kinds.Npm) != 0 ? CredentialKinds[5]
            : (found & Kinds.Azure) != 0 ? CredentialKinds[6]
            : (found & Kinds.PrivateKey) != 0 ? CredentialKinds[7]
            : string.Empty;
        return kind.Length > 0;
    }

    /// <summary>The labels <see cref="TryFindCredential(string, out string)"/> gives, best first.</summary>
    internal static readonly string[] CredentialKinds =
    {
        "GitHub token", "GitHub fine-grained token", "GitLab token", "AWS access key id", "Slack token", "npm token",
        "Azure storage account key", "private key",
    };

    // The length of the shortest credential found: a Slack token, "xox", its variant letter, '-' and ten characters.
    // (GitHub tokens have 24 at least, AWS key ids 20, private key headers 27.)
    private const int ShortestCredential = 15;

    [Flags]
    private enum Kinds
    {
        None = 0,
        GitHubFineGrained = 1,
        GitLab = 2,
        Aws = 4,
        Slack = 8,
        Npm = 16,
        Azure = 32,
        PrivateKey = 64,
    }

    // xox[abprs]-[A-Za-z0-9-]{10,}
    private static bool IsSlackTokenAt(ReadOnlySpan<char> value, int at)
    {
        var variant = at + 3;
        return StartsAt(value, at, "xox")
            && variant + 1 < value.Length
            && "abprs".IndexOf(value[variant]) >= 0
            && value[variant + 1] == '-'
            && HasRun(value, variant + 2, IsAlphanumericOrDash, 10);
    }

    // -----BEGIN [A-Z0-9 ]*PRIVATE KEY-----: "-" is outside the class, so the run after "BEGIN " must end
    // exactly in "PRIVATE KEY" and be followed by the closing dashes. Runs stop at "-", so their scans cannot
    // overlap: the whole value is scanned a bounded number of times.
    private static bool IsPrivateKeyHeaderAt(ReadOnlySpan<char> value, int at)
    {
        if (!StartsAt(value, at, PrivateKeyHeaderStart))
        {
            return false;
        }

        var end = at + PrivateKeyHeaderStart.Length;
        while (end < value.Length && (IsUpperOrDigit(value[end]) || value[end] == ' '))
        {
            end++;
        }

        return EndsAt(value, end, PrivateKeyHeaderEnd, at + PrivateKeyHeaderStart.Length) && StartsAt(value, end, PrivateKeyHeaderDashes);
    }

    private static bool StartsAt(ReadOnlySpan<char> value, int index, string text) =>
        index + text.Length <= value.Length
        && value.Slice(index, text.Length).SequenceEqual(text.AsSpan());

    // True when text ends right before index without starting before earliest.
    private static bool EndsAt(ReadOnlySpan<char> value, int index, string text, int earliest) =>
        index - text.Length >= earliest && StartsAt(value, index - text.Length, text);

    private static bool HasRun(ReadOnlySpan<char> value, int start, Func<char, bool> isTokenChar, int minimumLength)
    {
        if (start + minimumLength > value.Length)
        {
            return false;
        }

        for (var i = start; i < start + minimumLength; i++)
        {
            if (!isTokenChar(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUpperOrDigit(char c) => (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

    private static bool IsAlphanumeric(char c) => IsUpperOrDigit(c) || (c >= 'a' && c <= 'z');

    private static bool IsAlphanumericOrUnderscore(char c) => IsAlphanumeric(c) || c == '_';

    private static bool IsAlphanumericOrDash(char c) => IsAlphanumeric(c) || c == '-';

    private static bool IsAlphanumericUnderscoreOrDash(char c) => IsAlphanumericOrUnderscore(c) || c == '-';

    private static bool IsBase64(char c) => IsAlphanumeric(c) || c == '+' || c == '/';
}
