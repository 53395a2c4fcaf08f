using System;
using System.Collections.Generic;

namespace DockerGoBuild.Dockerfiles.Secrets;

/// <summary>
/// DGB031: decides whether an ARG/ENV name looks like it holds a secret.
/// Works on whole words of the name, so <c>PASSENGER</c> is not <c>PASS</c>.
/// </summary>
public static class SecretNames
{
    // Names that look secret but are public by convention (GPG key fingerprints, Go module settings).
    private static readonly HashSet<string> NeverSecret = new(StringComparer.OrdinalIgnoreCase)
    {
        "GPG_KEY", "GPG_KEYS", "KEY_ID", "GOPRIVATE", "GONOSUMDB",
    };

    // Names that hold credentials although their words do not say so.
    private static readonly HashSet<string> AlwaysSecret = new(StringComparer.OrdinalIgnoreCase)
    {
        "VSS_NUGET_EXTERNAL_FEED_ENDPOINTS",
    };

    private const string ConnectionStringsSectionPrefix = "ConnectionStrings__";

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pwd", "pass", "secret", "token", "apikey", "auth",
        "credential", "credentials", "pat", "accesstoken", "privatekey",
        "connectionstring", "connectionstrings",
        "tokens", "secrets", "passwords", "passes", "pwds", "pats", "apikeys", "auths",
        "accesstokens", "privatekeys",
    };

    // Secret words that are often written as two words (ACCESS_TOKEN, apiKey, ConnectionString).
    private static readonly HashSet<string> CompoundSecretWords = new(StringComparer.Ordinal)
    {
        "accesstoken", "accesstokens", "privatekey", "privatekeys", "apikey", "apikeys",
        "connectionstring", "connectionstrings",
    };

    // "key" alone is too common (DEPLOY_KEY, CACHE_KEY); next to one of these it is a secret key.
    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "private", "secret", "signing", "encryption", "client", "account", "ssh",
    };

    // Words that make the name refer to where or what a secret is, not the secret itself.
    private static readonly HashSet<string> ExcludingWords = new(StringComparer.Ordinal)
    {
        "file", "path", "dir", "url", "uri", "version", "public", "id", "name", "type", "mode",
        "files", "paths", "dirs", "urls", "uris", "versions", "ids", "names", "types", "modes",
        "filename", "filenames", "filepath", "filepaths", "dirname", "dirnames",
        "directory", "directories", "pathname", "pathnames",
    };

    public static bool IsSecretName(string name)
    {
        if (string.IsNullOrEmpty(name) || NeverSecret.Contains(name))
        {
            return false;
        }

        if (AlwaysSecret.Contains(name) || name.StartsWith(ConnectionStringsSectionPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var words = Tokenize(name);
        foreach (var word in words)
        {
            if (ExcludingWords.Contains(word))
            {
                return false;
            }
        }

        for (var i = 0; i < words.Count; i++)
        {
            if (SecretWords.Contains(words[i]))
            {
                return true;
            }

            if (i + 1 < words.Count && IsSecretPair(words[i], words[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSecretPair(string first, string second)
    {
        if (CompoundSecretWords.Contains(first + second))
        {
            return true;
        }

        return (IsKeyWord(first) && KeyQualifiers.Contains(second))
            || (IsKeyWord(second) && KeyQualifiers.Contains(first));
    }

    private static bool IsKeyWord(string word) => word == "key" || word == "keys";

    /// <summary>
    /// Splits a name into lower-case words: on <c>_</c>, <c>-</c>, <c>.</c> and camelCase, with the
    /// word classes <c>[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+</c> implemented by hand
    /// (<c>APIKey</c> gives api, key; <c>OAuth2Token</c> gives o, auth, 2, token).
    /// Any other character, separators included, only ends the current word.
    /// </summary>
    internal static List<string> Tokenize(string name)
    {
        var words = new List<string>();
        var i = 0;
        while (i < name.Length)
        {
            var start = i;
            if (IsUpper(name[i]))
            {
                while (i < name.Length && IsUpper(name[i]))
                {
                    i++;
                }

                var capitals = i - start;
                var followedByLower = i < name.Length && IsLower(name[i]);
                if (followedByLower && capitals > 1)
                {
                    // "APIKey": the last capital starts the next word.
                    i--;
                }
                else if (followedByLower)
                {
                    // "Key": one capital followed by its lower-case letters.
                    while (i < name.Length && IsLower(name[i]))
                    {
                        i++;
                    }
                }
            }
            else if (IsLower(name[i]))
            {
                while (i < name.Length && IsLower(name[i]))
                {
                    i++;
                }
            }
            else if (IsDigit(name[i]))
            {
                while (i < name.Length && IsDigit(name[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
                continue;
            }

            words.Add(name.Substring(start, i - start).ToLowerInvariant());
        }

        return words;
    }

    private static bool IsUpper(char c) => c >= 'A' && c <= 'Z';

    private static bool IsLower(char c) => c >= 'a' && c <= 'z';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
