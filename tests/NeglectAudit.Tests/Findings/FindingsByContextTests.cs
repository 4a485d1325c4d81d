using NeglectAudit.Calendar;
using NeglectAudit.Findings;
using NeglectAudit.Tests.Returns;
using NeglectAudit.Tests.Web;

namespace NeglectAudit.Tests.Findings;

/// <summary>The hand-worked audit read by kind of case: NA-01 and NA-02 on child protection plans, NA-03 a child in need.</summary>
public sealed class FindingsByContextTests
{
    private static FindingsPack Pack(Func<string, CaseContext?> contextOf) =>
        FindingsCompiler.Compile(
            HandWorkedAudit.Audit with { Cases = [.. HandWorkedAudit.Audit.Cases.Select(c => c with { Context = contextOf(c.CaseRef) })] },
            NeglectV1.QuestionSet,
            HandWorkedAudit.Names,
            HandWorkedAudit.Returns(),
            1,
            HandWorkedAudit.Deadline.AddDays(1));

    private static FindingsPack WithContexts() => Pack(caseRef => caseRef switch
    {
        HandWorkedAudit.CaseA => new CaseContext(AgeBand.UnderOne, PlanStatus.ChildProtection, CaseSelection.RandomSample, "csc"),
        HandWorkedAudit.CaseB => new CaseContext(AgeBand.FiveToNine, PlanStatus.ChildProtection),
        _ => new CaseContext(PlanStatus: PlanStatus.ChildInNeed),
    });

    // In the order the plans are listed on the form (early help, child in need, child protection, looked after).
    [Fact]
    public void Each_plan_counts_its_cases_answered_returns_impact_disagreements_and_right_now_answers()
    {
        FindingsDimension plan = Assert.Single(FindingsSlices.Of(WithContexts(), id => HandWorkedAudit.Names[id]), d => d.Key == "plan");

        // NA-01: social care (impact) and health (process, right now) answered, police had no involvement, school never returned; they differ on the risk.
        // NA-02: social care (impact) and health (process) answered. NA-03: social care alone, impact.
        Assert.Equal(
            [new FindingsSlice("Child in need", 1, 1, 1, 0, 0), new FindingsSlice("Child protection", 2, 4, 2, 1, 1)],
            plan.Slices);
    }

    [Fact]
    public void Cases_given_no_value_are_counted_as_not_given_and_the_lead_agency_is_named()
    {
        IReadOnlyList<FindingsDimension> dimensions = FindingsSlices.Of(WithContexts(), id => HandWorkedAudit.Names[id]);

        Assert.Equal(["age", "plan", "selection", "lead"], dimensions.Select(d => d.Key));
        Assert.Equal(["Under 1", "5 to 9", FindingsSlices.NotGiven], Assert.Single(dimensions, d => d.Key == "age").Slices.Select(s => s.Label));
        Assert.Equal(["Children's Social Care", FindingsSlices.NotGiven], Assert.Single(dimensions, d => d.Key == "lead").Slices.Select(s => s.Label));
        Assert.Equal([1, 2], Assert.Single(dimensions, d => d.Key == "selection").Slices.Select(s => s.Cases));
    }

    [Fact]
    public void An_audit_with_no_context_has_no_section_and_a_dimension_nobody_gave_is_left_out()
    {
        Assert.Empty(FindingsSlices.Of(Pack(_ => null), id => id));
        IReadOnlyList<FindingsDimension> planOnly = FindingsSlices.Of(Pack(_ => new CaseContext(PlanStatus: PlanStatus.LookedAfter)), id => id);
        Assert.Equal(["plan"], planOnly.Select(d => d.Key));

        string withNone = Render.Page<FindingsPage, FindingsView>(new FindingsView(Pack(_ => null)));
        string withSome = Render.Page<FindingsPage, FindingsView>(new FindingsView(WithContexts()));
        Assert.DoesNotContain("id=\"by-context\"", withNone, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#by-context\">By kind of case</a></li>", withSome, StringComparison.Ordinal);
        Assert.Contains("<caption>Plan</caption>", withSome, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pre-wrap\">Children&#x27;s Social Care</td>", withSome, StringComparison.Ordinal);
    }
}
