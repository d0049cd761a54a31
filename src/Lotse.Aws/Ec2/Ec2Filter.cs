namespace Lotse.Aws.Ec2;

/// <summary>One <c>Filter.N</c> of a Describe call: the resource matches when any value matches (<c>*</c> and <c>?</c> are wildcards).</summary>
public sealed record Ec2Filter(string Name, IReadOnlyList<string> Values)
{
    public bool Matches(IEnumerable<string?> candidates) =>
        candidates.Any(c => c is not null && Values.Any(v => Glob(v, c)));

    /// <summary>EC2's filter wildcards: <c>*</c> any run of characters, <c>?</c> one character; case-sensitive.</summary>
    public static bool Glob(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
