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
    public static bool TryFindCredential(string value, out string kind)
    {
        kind = string.Empty;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (ContainsToken(value, "ghp_", IsAlphanumeric, 20)
            || ContainsToken(value, "gho_", IsAlphanumeric, 20)
            || ContainsToken(value, "ghs_", IsAlphanumeric, 20))
        {
            kind = "GitHub token";
        }
        else if (ContainsToken(value, "github_pat_", IsAlphanumericOrUnderscore, 20))
        {
            kind = "GitHub fine-grained token";
        }
        else if (ContainsToken(value, "glpat-", IsAlphanumericUnderscoreOrDash, 20))
        {
            kind = "GitLab token";
        }
        else if (ContainsToken(value, "AKIA", IsUpperOrDigit, 16))
        {
            kind = "AWS access key id";
        }
        else if (ContainsSlackToken(value))
        {
            kind = "Slack token";
        }
        else if (ContainsToken(value, "npm_", IsAlphanumeric, 36))
        {
            kind = "npm token";
        }
        else if (ContainsToken(value, "AccountKey=", IsBase64, 20))
        {
            kind = "Azure storage account key";
        }
        else if (ContainsPrivateKeyHeader(value))
        {
            kind = "private key";
        }

        return kind.Length > 0;
    }

    /// <summary>
    /// True when some occurrence of <paramref name="prefix"/> is followed by at least
    /// <paramref name="minimumLength"/> characters of the class. Counting stops at the minimum,
    /// so the scan stays linear however the prefix repeats.
    /// </summary>
    private static bool ContainsToken(string value, string prefix, Func<char, bool> isTokenChar, int minimumLength)
    {
        var at = value.IndexOf(prefix, StringComparison.Ordinal);
        while (at >= 0)
        {
            if (HasRun(value, at + prefix.Length, isTokenChar, minimumLength))
            {
                return true;
            }

            at = value.IndexOf(prefix, at + 1, StringComparison.Ordinal);
        }

        return false;
    }

    // xox[abprs]-[A-Za-z0-9-]{10,}
    private static bool ContainsSlackToken(string value)
    {
        var at = value.IndexOf("xox", StringComparison.Ordinal);
        while (at >= 0)
        {
            var variant = at + 3;
            if (variant + 1 < value.Length
                && "abprs".IndexOf(value[variant]) >= 0
                && value[variant + 1] == '-'
                && HasRun(value, variant + 2, IsAlphanumericOrDash, 10))
            {
                return true;
            }

            at = value.IndexOf("xox", at + 1, StringComparison.Ordinal);
        }

        return false;
    }

    // -----BEGIN [A-Z0-9 ]*PRIVATE KEY-----: "-" is outside the class, so the run after
    // "BEGIN " must end exactly in "PRIVATE KEY" and be followed by the closing dashes.
    private static bool ContainsPrivateKeyHeader(string value)
    {
        var at = value.IndexOf(PrivateKeyHeaderStart, StringComparison.Ordinal);
        while (at >= 0)
        {
            var end = at + PrivateKeyHeaderStart.Length;
            while (end < value.Length && (IsUpperOrDigit(value[end]) || value[end] == ' '))
            {
                end++;
            }

            if (EndsAt(value, end, PrivateKeyHeaderEnd, at + PrivateKeyHeaderStart.Length)
                && StartsAt(value, end, PrivateKeyHeaderDashes))
            {
                return true;
            }

            // Runs stop at "-", so the next header cannot start inside this one: resume after it.
            at = value.IndexOf(PrivateKeyHeaderStart, end, StringComparison.Ordinal);
        }

        return false;
    }

    private static bool StartsAt(string value, int index, string text) =>
        index + text.Length <= value.Length
        && string.CompareOrdinal(value, index, text, 0, text.Length) == 0;

    // True when text ends right before index without starting before earliest.
    private static bool EndsAt(string value, int index, string text, int earliest) =>
        index - text.Length >= earliest && StartsAt(value, index - text.Length, text);

    private static bool HasRun(string value, int start, Func<char, bool> isTokenChar, int minimumLength)
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
