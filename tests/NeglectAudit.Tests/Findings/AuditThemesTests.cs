using NeglectAudit.Findings;

namespace NeglectAudit.Tests.Findings;

/// <summary>
/// Every theme sentence read at nought, one, some and all of five cases, as a panel chair would read
/// it aloud: no stacked negatives ("In no case, no agency …"), and the count always shown.
/// </summary>
public sealed class AuditThemesTests
{
    private static readonly int[] Counts = [0, 1, 3, 5];

    public static TheoryData<string, int, string> Sentences => new()
    {
        { "no-better", 0, "In all cases (5 of 5), at least one agency evidenced what had got better for the child." },
        { "no-better", 1, "In one case (1 of 5), no agency evidenced what had got better for the child." },
        { "no-better", 3, "In the majority of cases (3 of 5), no agency evidenced what had got better for the child." },
        { "no-better", 5, "In all cases (5 of 5), no agency evidenced what had got better for the child." },

        { "no-impact", 0, "In all cases (5 of 5), at least one agency evidenced the impact on the child (what got better or worse)." },
        { "no-impact", 1, "In one case (1 of 5), no agency evidenced the impact on the child (what got better or worse), only what was done or nothing." },
        { "no-impact", 3, "In the majority of cases (3 of 5), no agency evidenced the impact on the child (what got better or worse), only what was done or nothing." },
        { "no-impact", 5, "In all cases (5 of 5), no agency evidenced the impact on the child (what got better or worse), only what was done or nothing." },

        { "process-only", 0, "In no case (0 of 5) did any agency evidence only what was done (process) without what changed for the child." },
        { "process-only", 1, "In one case (1 of 5), at least one agency evidenced only what was done (process), not what changed for the child." },
        { "process-only", 3, "In the majority of cases (3 of 5), at least one agency evidenced only what was done (process), not what changed for the child." },
        { "process-only", 5, "In all cases (5 of 5), at least one agency evidenced only what was done (process), not what changed for the child." },

        { "risks-differ", 0, "In no case with more than one return (0 of 5) did the agencies' knowledge of the risks of neglect differ." },
        { "risks-differ", 1, "In one case with more than one return (1 of 5), agencies did not have the same knowledge of the risks of neglect." },
        { "risks-differ", 3, "In the majority of cases with more than one return (3 of 5), agencies did not have the same knowledge of the risks of neglect." },
        { "risks-differ", 5, "In all cases with more than one return (5 of 5), agencies did not have the same knowledge of the risks of neglect." },

        { "impact-differ", 0, "In no case with more than one return (0 of 5) did the agencies' understanding of the impact of neglect on the child differ." },
        { "impact-differ", 1, "In one case with more than one return (1 of 5), agencies did not have the same understanding of the impact of neglect on the child." },
        { "impact-differ", 3, "In the majority of cases with more than one return (3 of 5), agencies did not have the same understanding of the impact of neglect on the child." },
        { "impact-differ", 5, "In all cases with more than one return (5 of 5), agencies did not have the same understanding of the impact of neglect on the child." },

        { "strengths-differ", 0, "In no case with more than one return (0 of 5) did the agencies' views on the strengths for the child differ." },
        { "strengths-differ", 1, "In one case with more than one return (1 of 5), agencies did not have the same view on the strengths for the child." },
        { "strengths-differ", 3, "In the majority of cases with more than one return (3 of 5), agencies did not have the same view on the strengths for the child." },
        { "strengths-differ", 5, "In all cases with more than one return (5 of 5), agencies did not have the same view on the strengths for the child." },

        { "no-strengths", 0, "In all cases (5 of 5), at least one agency identified a strength for the child." },
        { "no-strengths", 1, "In one case (1 of 5), no agency identified a strength for the child." },
        { "no-strengths", 3, "In the majority of cases (3 of 5), no agency identified a strength for the child." },
        { "no-strengths", 5, "In all cases (5 of 5), no agency identified a strength for the child." },

        { "culture", 0, "In all cases (5 of 5), every agency said that the child's cultural needs were met." },
        { "culture", 1, "In one case (1 of 5), at least one agency did not show that the child's cultural needs were met." },
        { "culture", 3, "In the majority of cases (3 of 5), at least one agency did not show that the child's cultural needs were met." },
        { "culture", 5, "In all cases (5 of 5), at least one agency did not show that the child's cultural needs were met." },

        { "worse", 0, "In no case (0 of 5) did any agency find that things got worse for the child." },
        { "worse", 1, "In one case (1 of 5), at least one agency found that things got worse for the child." },
        { "worse", 3, "In the majority of cases (3 of 5), at least one agency found that things got worse for the child." },
        { "worse", 5, "In all cases (5 of 5), at least one agency found that things got worse for the child." },

        { "grades-differ", 0, "In no case with more than one self-grade (0 of 5) did agencies grade their own effectiveness differently." },
        { "grades-differ", 1, "In one case with more than one self-grade (1 of 5), agencies graded their own effectiveness differently." },
        { "grades-differ", 3, "In the majority of cases with more than one self-grade (3 of 5), agencies graded their own effectiveness differently." },
        { "grades-differ", 5, "In all cases with more than one self-grade (5 of 5), agencies graded their own effectiveness differently." },

        { "missing", 0, "In no case (0 of 5) was an agency's return missing." },
        { "missing", 1, "In one case (1 of 5), at least one agency's return was missing." },
        { "missing", 3, "In the majority of cases (3 of 5), at least one agency's return was missing." },
        { "missing", 5, "In all cases (5 of 5), at least one agency's return was missing." },
    };

    [Theory]
    [MemberData(nameof(Sentences))]
    public void Each_theme_reads_correctly_at_none_one_some_and_all(string key, int count, string expected)
    {
        Assert.Equal(expected, AuditThemes.Sentence(key, count, 5));
    }

    [Fact]
    public void Every_theme_is_tested_at_none_one_some_and_all()
    {
        var tested = Sentences.Select(row => ((string)row[0], (int)row[1])).ToHashSet();

        Assert.All(AuditThemes.Keys, key => Assert.All(Counts, n => Assert.Contains((key, n), tested)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(2, 4)]
    [InlineData(2, 5)]
    public void No_sentence_stacks_negatives_or_misstates_its_count(int count, int total)
    {
        Assert.All(AuditThemes.Keys, key =>
        {
            string sentence = AuditThemes.Sentence(key, count, total);
            Assert.False(sentence.StartsWith("In no case", StringComparison.Ordinal) && sentence.Contains(" no agency", StringComparison.Ordinal), sentence);
            Assert.Contains(count == 0 && !sentence.StartsWith("In no case", StringComparison.Ordinal) ? $"({total} of {total})" : $"({count} of {total})", sentence, StringComparison.Ordinal);
            Assert.EndsWith(".", sentence, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_single_case_and_a_pair_of_cases_are_named_as_such()
    {
        Assert.Equal("In the only case (1 of 1), at least one agency found that things got worse for the child.", AuditThemes.Sentence("worse", 1, 1));
        Assert.Equal("In both cases (2 of 2), no agency identified a strength for the child.", AuditThemes.Sentence("no-strengths", 2, 2));
        Assert.Equal("In the only case (1 of 1), at least one agency evidenced what had got better for the child.", AuditThemes.Sentence("no-better", 0, 1));
        Assert.Equal("In half of the cases with more than one return (2 of 4), agencies did not have the same knowledge of the risks of neglect.", AuditThemes.Sentence("risks-differ", 2, 4));
    }
}
