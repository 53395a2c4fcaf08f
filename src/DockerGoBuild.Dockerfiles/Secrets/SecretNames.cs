using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace DockerGoBuild.Dockerfiles.Secrets;

/// <summary>
/// DGB031: decides whether an ARG/ENV name looks like it holds a secret.
/// Works on whole words of the name, so <c>PASSENGER</c> is not <c>PASS</c>.
/// </summary>
public static class SecretNames
{
    // Names that look secret but are public by convention (GPG key fingerprints, Go module settings).
    // (A handful of names: a scan comparing lengths first beats hashing every name.)
    private static readonly string[] NeverSecret = { "GPG_KEY", "GPG_KEYS", "KEY_ID", "GOPRIVATE", "GONOSUMDB" };

    // Names that hold credentials although their words do not say so.
    private static readonly string[] AlwaysSecret = { "VSS_NUGET_EXTERNAL_FEED_ENDPOINTS" };

    // The lengths of the names of each list, as bits (the 63rd for all longer ones): most names have none of them.
    private static readonly ulong NeverSecretLengths = NeverSecret.Aggregate(0UL, (bits, name) => bits | LengthBit(name.Length));
    private static readonly ulong AlwaysSecretLengths = AlwaysSecret.Aggregate(0UL, (bits, name) => bits | LengthBit(name.Length));

    private const string ConnectionStringsSectionPrefix = "ConnectionStrings__";

    private static readonly WordSet SecretWords = new(new[]
    {
        "password", "passwd", "pwd", "pass", "secret", "token", "apikey", "auth",
        "credential", "credentials", "pat", "accesstoken", "privatekey",
        "connectionstring", "connectionstrings",
        "tokens", "secrets", "passwords", "passes", "pwds", "pats", "apikeys", "auths",
        "accesstokens", "privatekeys",
    });

    // Secret words that are often written as two words (ACCESS_TOKEN, apiKey, ConnectionString).
    private static readonly WordSet CompoundSecretWords = new(new[]
    {
        "accesstoken", "accesstokens", "privatekey", "privatekeys", "apikey", "apikeys",
        "connectionstring", "connectionstrings",
    });

    // "key" alone is too common (DEPLOY_KEY, CACHE_KEY); next to one of these it is a secret key.
    private static readonly WordSet KeyQualifiers = new(new[]
    {
        "api", "access", "private", "secret", "signing", "encryption", "client", "account", "ssh",
    });

    // Words that make the name refer to where or what a secret is, not the secret itself.
    private static readonly WordSet ExcludingWords = new(new[]
    {
        "file", "path", "dir", "url", "uri", "version", "public", "id", "name", "type", "mode",
        "files", "paths", "dirs", "urls", "uris", "versions", "ids", "names", "types", "modes",
        "filename", "filenames", "filepath", "filepaths", "dirname", "dirnames",
        "directory", "directories", "pathname", "pathnames",
    });

    public static bool IsSecretName(string name) => name != null && IsSecretName(name.AsSpan());

    /// <summary><see cref="IsSecretName(string)"/> of a name read where it lies.</summary>
    internal static bool IsSecretName(ReadOnlySpan<char> name) => IsSecretName(name, lettersFirst: true);

    /// <summary>
    /// <see cref="IsSecretName(ReadOnlySpan{char})"/> without first ruling the name out by its letters: every name is
    /// split into words. The same answer, slower; for the tests of the quick way.
    /// </summary>
    internal static bool IsSecretNameWordByWord(ReadOnlySpan<char> name) => IsSecretName(name, lettersFirst: false);

    private static bool IsSecretName(ReadOnlySpan<char> name, bool lettersFirst)
    {
        if (name.Length == 0)
        {
            return false;
        }

        var lengthBit = LengthBit(name.Length);
        if ((AlwaysSecretLengths & lengthBit) != 0 && IsAnyIgnoringCase(name, AlwaysSecret))
        {
            return true;
        }

        if (lettersFirst && !HasSecretLetters(name))
        {
            // Nearly every name: no word of it, nor two words together, can be a secret word or a key. (Told before
            // the names that are never secret are compared: a name without those letters is none either way.)
            return false;
        }

        if ((NeverSecretLengths & lengthBit) != 0 && IsAnyIgnoringCase(name, NeverSecret))
        {
            return false;
        }

        if (name.Length >= ConnectionStringsSectionPrefix.Length && name.StartsWith(ConnectionStringsSectionPrefix.AsSpan(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // One walk over the words: a secret word, or two that make one, makes the name secret unless an excluding
        // word is anywhere in it, so once one is found the walk goes on looking only for those.
        var secret = false;
        var previousStart = -1;
        var previousEnd = -1;
        var next = 0;
        while (NextWord(name, ref next, out var start, out var end))
        {
            if (WordIsAny(name, start, end, ExcludingWords))
            {
                return false;
            }

            secret = secret || WordIsAny(name, start, end, SecretWords) || (previousStart >= 0 && IsSecretPair(name, previousStart, previousEnd, start, end));
            previousStart = start;
            previousEnd = end;
        }

        return secret;
    }

    // The words of a name are its runs of ASCII letters and digits (see NextWord): together they are the name without
    // its other characters. A secret word, two words that make one (ACCESS_TOKEN, Connection_String) and "key" next to
    // a qualifier are then letters in a row of that, lower-cased, and each holds one of these (the prefix
    // ConnectionStrings__ too): "pass", "secr", "toke", "auth", "cred", "conn", "pwd", "pat", "key". A name without
    // any is no secret name, told in one pass over it without splitting it into words.
    private static bool HasSecretLetters(ReadOnlySpan<char> name)
    {
        // Read once: a static field is checked for its class's initialisation at every read.
        var codes = SecretLetters.Codes;
        var endingPairs = SecretLetters.EndingPairs;

        // The last letters and digits as codes of five bits each (see SecretLetters), the newest lowest; the last four
        // are compared.
        var last = 0u;
        foreach (var c in name)
        {
            if (c >= codes.Length)
            {
                continue;
            }

            var code = codes[c];
            if (code == 0)
            {
                continue;
            }

            last = (last << 5) | code;

            // Only where the last two end one of them.
            if (endingPairs[(int)(last & 0x3FF)] != 0 && SecretLetters.EndsWithOne(last & 0xFFFFF))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The tables of <see cref="HasSecretLetters"/>.</summary>
    private static class SecretLetters
    {
        // For each ASCII character: a letter's place in the alphabet from 1 (either case), 27 for a digit (which no
        // secret's letters hold, but which parts the letters on either side of it), 0 for any other (what NextWord
        // skips).
        public static readonly byte[] Codes = MakeCodes();

        // Whether the last two letters of one of the letters below are these, for each two codes (a byte each rather
        // than a bit: one load to tell).
        public static readonly byte[] EndingPairs = MakeEndingPairs();

        private const uint Pass = ('p' - 'a' + 1) << 15 | ('a' - 'a' + 1) << 10 | ('s' - 'a' + 1) << 5 | ('s' - 'a' + 1);
        private const uint Secr = ('s' - 'a' + 1) << 15 | ('e' - 'a' + 1) << 10 | ('c' - 'a' + 1) << 5 | ('r' - 'a' + 1);
        private const uint Toke = ('t' - 'a' + 1) << 15 | ('o' - 'a' + 1) << 10 | ('k' - 'a' + 1) << 5 | ('e' - 'a' + 1);
        private const uint Auth = ('a' - 'a' + 1) << 15 | ('u' - 'a' + 1) << 10 | ('t' - 'a' + 1) << 5 | ('h' - 'a' + 1);
        private const uint Cred = ('c' - 'a' + 1) << 15 | ('r' - 'a' + 1) << 10 | ('e' - 'a' + 1) << 5 | ('d' - 'a' + 1);
        private const uint Conn = ('c' - 'a' + 1) << 15 | ('o' - 'a' + 1) << 10 | ('n' - 'a' + 1) << 5 | ('n' - 'a' + 1);
        private const uint Pwd = ('p' - 'a' + 1) << 10 | ('w' - 'a' + 1) << 5 | ('d' - 'a' + 1);
        private const uint Pat = ('p' - 'a' + 1) << 10 | ('a' - 'a' + 1) << 5 | ('t' - 'a' + 1);
        private const uint Key = ('k' - 'a' + 1) << 10 | ('e' - 'a' + 1) << 5 | ('y' - 'a' + 1);

        /// <summary>The last four codes end with one of the secrets' letters.</summary>
        /// <remarks>Inlined: a call in HasSecretLetters' loop would make it keep its index on the stack.</remarks>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool EndsWithOne(uint last)
        {
            var three = last & 0x7FFF;
            return last is Pass or Secr or Toke or Auth or Cred or Conn || three is Pwd or Pat or Key;
        }

        private static byte[] MakeCodes()
        {
            var codes = new byte[128];
            for (var c = '0'; c <= '9'; c++)
            {
                codes[c] = 27;
            }

            for (var c = 'a'; c <= 'z'; c++)
            {
                codes[c] = (byte)(c - 'a' + 1);
                codes[c - 32] = (byte)(c - 'a' + 1);
            }

            return codes;
        }

        private static byte[] MakeEndingPairs()
        {
            var table = new byte[1024];
            foreach (var letters in new[] { Pass, Secr, Toke, Auth, Cred, Conn, Pwd, Pat, Key })
            {
                table[letters & 0x3FF] = 1;
            }

            return table;
        }
    }

    private static ulong LengthBit(int length) => 1UL << Math.Min(length, 63);

    private static bool IsAnyIgnoringCase(ReadOnlySpan<char> name, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (candidate.Length == name.Length && name.Equals(candidate.AsSpan(), StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // Two words next to each other, name[firstStart, firstEnd) and name[secondStart, secondEnd), together.
    private static bool IsSecretPair(ReadOnlySpan<char> name, int firstStart, int firstEnd, int secondStart, int secondEnd)
    {
        var firstLength = firstEnd - firstStart;
        var pairLength = firstLength + (secondEnd - secondStart);
        if (CompoundSecretWords.MayHave(pairLength, name[firstStart]))
        {
            foreach (var compound in CompoundSecretWords.OfLength(pairLength))
            {
                if (SameLetters(name, firstStart, compound, 0, firstLength)
                    && SameLetters(name, secondStart, compound, firstLength, compound.Length - firstLength))
                {
                    return true;
                }
            }
        }

        return (IsKeyWord(name, firstStart, firstEnd) && WordIsAny(name, secondStart, secondEnd, KeyQualifiers))
            || (IsKeyWord(name, secondStart, secondEnd) && WordIsAny(name, firstStart, firstEnd, KeyQualifiers));
    }

    private static bool IsKeyWord(ReadOnlySpan<char> name, int start, int end) => WordIs(name, start, end, "key") || WordIs(name, start, end, "keys");

    // The word name[start, end) is one of the candidates.
    private static bool WordIsAny(ReadOnlySpan<char> name, int start, int end, WordSet candidates)
    {
        var length = end - start;
        if (!candidates.MayHave(length, name[start]))
        {
            // Nearly every word: no candidate has its length and first letter.
            return false;
        }

        foreach (var candidate in candidates.OfLength(length))
        {
            if (SameLetters(name, start, candidate, 0, length))
            {
                return true;
            }
        }

        return false;
    }

    private static bool WordIs(ReadOnlySpan<char> name, int start, int end, string lower) =>
        end - start == lower.Length && SameLetters(name, start, lower, 0, lower.Length);

    // name[start, start + length) lower-cased equals lower[from, from + length); words hold only ASCII letters and digits.
    private static bool SameLetters(ReadOnlySpan<char> name, int start, string lower, int from, int length)
    {
        for (var k = 0; k < length; k++)
        {
            var c = name[start + k];
            if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != lower[from + k])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Splits a name into lower-case words: on <c>_</c>, <c>-</c>, <c>.</c> and camelCase, with the
    /// word classes <c>[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+</c> implemented by hand
    /// (<c>APIKey</c> gives api, key; <c>OAuth2Token</c> gives o, auth, 2, token).
    /// Any other character, separators included, only ends the current word.
    /// </summary>
    internal static List<string> Tokenize(string name)
    {
        var words = new List<string>();
        var next = 0;
        while (NextWord(name.AsSpan(), ref next, out var start, out var end))
        {
            words.Add(name.Substring(start, end - start).ToLowerInvariant());
        }

        return words;
    }

    // The next word of the name from index next on: its bounds [start, end), with next moved past it; false when
    // there is none.
    private static bool NextWord(ReadOnlySpan<char> name, ref int next, out int start, out int end)
    {
        // A local rather than the reference while scanning: it stays in a register.
        var i = next;
        while (i < name.Length)
        {
            start = i;
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

            end = i;
            next = i;
            return true;
        }

        start = i;
        end = i;
        next = i;
        return false;
    }

    private static bool IsUpper(char c) => c >= 'A' && c <= 'Z';

    private static bool IsLower(char c) => c >= 'a' && c <= 'z';

    private static bool IsDigit(char c) => c >= '0' && c <= '9';

    /// <summary>
    /// Lower-case words grouped by length, so that a word is compared only with the words as long as it, and only
    /// when one of them starts with its first letter.
    /// </summary>
    private sealed class WordSet
    {
        private readonly string[][] _byLength;

        // For each length, the first letters of the words of that length, as bits (a: bit 0).
        private readonly uint[] _firstLettersByLength;

        public WordSet(string[] words)
        {
            var longest = 0;
            foreach (var word in words)
            {
                longest = Math.Max(longest, word.Length);
            }

            _byLength = new string[longest + 1][];
            _firstLettersByLength = new uint[longest + 1];
            for (var length = 0; length <= longest; length++)
            {
                _byLength[length] = Array.FindAll(words, word => word.Length == length);
                foreach (var word in _byLength[length])
                {
                    _firstLettersByLength[length] |= LetterBit(word[0]);
                }
            }
        }

        /// <summary>False when no word has this length and first letter (in either case; words hold only ASCII letters and digits).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool MayHave(int length, char first) => length < _firstLettersByLength.Length && (_firstLettersByLength[length] & LetterBit(first)) != 0;

        // A letter's bit, either case; no bit for anything else (digits: no word starts with one).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static uint LetterBit(char c)
        {
            var letter = (uint)((c | 0x20) - 'a');
            return letter < 26 ? 1u << (int)letter : 0;
        }

        public string[] OfLength(int length) => length < _byLength.Length ? _byLength[length] : Array.Empty<string>();
    }
}
