using System.Net;
using NeglectAudit.Actions;
using NeglectAudit.Briefing;
using Contact = NeglectAudit.Calendar.Contact;
using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.Panel;
using NeglectAudit.Tests.Web;
using NeglectAudit.Web.Ui;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Briefing;

/// <summary>
/// The practitioner briefing as a component, drawn from the hand-worked audit: the four sections of
/// the 7-minute briefing in order, the findings' themes (the panel's counts once it has judged), the
/// panel's good practice with agency names, the learning and open actions; nothing a return's
/// narratives say, no case reference, and everything typed encoded.
/// </summary>
public sealed class BriefingPageTests
{
    private static readonly FindingsPack Pack = Compile();

    private static readonly PanelRecord Panel = new(
        AuditId,
        2,
        Start.AddDays(21),
        ["csc", "health"],
        "Minutes that stay with the panel",
        [
            new PanelCase(
                CaseA,
                [new PanelAnswer(9, "no", "Panel note on the case")],
                [new PanelModeration("health", "requires-improvement", EvidenceKind.Impact)],
                [new GoodPractice("csc", "Breakfast club arranged within a week " + PageAssert.Hostile)],
                [new PanelGap("health", "Growth not charted", GapKinds.Recording)]),
            new PanelCase(CaseB, [], [], [new GoodPractice("health", "Home visits kept up weekly")], []),
        ],
        "Chair of the panel",
        Start.AddDays(21));

    private static readonly AuditAction Open = new(
        AuditId, "A1", "Chart growth at every visit " + PageAssert.Hostile, 1, "health", new Contact("Named Nurse", "nurse@example.org"),
        new DateTimeOffset(2026, 6, 30, 22, 59, 59, TimeSpan.Zero), "Dip sample", Start);

    private static readonly AuditAction Done = Open with { ActionId = "A2", Title = "Share plans with school", OwnerAgencyId = "csc", State = ActionState.Done, DueOn = new DateTimeOffset(2026, 5, 1, 22, 59, 59, TimeSpan.Zero) };

    private static readonly AuditAction Accepted = Open with { ActionId = "A3", Title = "An action already closed", State = ActionState.Accepted };

    private static readonly string[] Sections = ["1. Why it matters", "2. What we found", "3. What good looks like", "4. What to do now"];

    private static readonly LearningPlan Plan = new(AuditId, ["Record what changed for the child " + PageAssert.Hostile], ["Explore the full history"], Start.AddDays(22));

    private static BriefingView View(PanelRecord? panel = null, LearningPlan? plan = null, IReadOnlyDictionary<string, string>? names = null) =>
        new(Audit with { Status = NeglectAudit.Calendar.AuditStatus.Compiled }, Pack, panel, plan, [Open, Done, Accepted], names ?? Names);

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    [Fact]
    public void The_four_sections_come_in_the_order_of_the_7_minute_briefing_after_the_sign_off_line()
    {
        string page = Render.Page<BriefingPage, BriefingView>(View(Panel, Plan));

        int signOff = page.IndexOf("Panel sign-off:", StringComparison.Ordinal);
        int[] sections = [.. Sections.Select(h => page.IndexOf(">" + h + "</h2>", StringComparison.Ordinal))];
        Assert.All(sections, i => Assert.True(i > 0));
        Assert.True(signOff > 0 && signOff < sections[0]);
        Assert.Equal(sections.Order(), sections);
        Assert.Contains("<title>Briefing: Neglect: hand-worked audit - Multi-agency case audit</title>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/audits/neglect-hw/briefing.html\"", page, StringComparison.Ordinal);
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{FindingsPage.StylesheetPath}\" />", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Why_it_matters_says_what_neglect_is_and_what_was_audited()
    {
        string text = Text(Render.Page<BriefingPage, BriefingView>(View()));

        Assert.Contains("Neglect is the persistent failure to meet a child's basic physical and/or psychological needs", text, StringComparison.Ordinal);
        Assert.Contains("The audit looked at 3 cases with 4 agencies (Children's Social Care, Health Visiting, Police, School).", text, StringComparison.Ordinal);
        Assert.Contains($"{Pack.ReturnsReceived} of {Pack.ReturnsExpected} returns were received.", text, StringComparison.Ordinal);

        string other = Text(Render.Page<BriefingPage, BriefingView>(View() with { Audit = Audit with { Theme = "Domestic abuse" } }));
        Assert.DoesNotContain("Neglect is the persistent failure", other, StringComparison.Ordinal);
        Assert.Contains("Multi-agency case audits look at how well agencies worked together", other, StringComparison.Ordinal);
    }

    [Fact]
    public void What_we_found_states_the_themes_and_once_the_panel_has_judged_its_counts()
    {
        string selfReported = Text(Render.Page<BriefingPage, BriefingView>(View()));
        Assert.NotEmpty(Pack.Analysis!.Themes);
        Assert.All(Pack.Analysis.Themes, t => Assert.Contains(t.Statement, selfReported, StringComparison.Ordinal));
        Assert.DoesNotContain("Counted with the panel's judgement", selfReported, StringComparison.Ordinal);

        string moderated = Text(Render.Page<BriefingPage, BriefingView>(View(Panel)));
        IReadOnlyList<ModeratedTheme> themes = PanelOverlay.Themes(Pack.Analysis, Panel, Pack.Cases.Count);
        Assert.Contains(themes, t => t.Differs);
        Assert.All(themes, t => Assert.Contains(t.Moderated.Statement, moderated, StringComparison.Ordinal));
        Assert.All(themes.Where(t => t.Differs), t => Assert.Contains("Self-reported by the agencies: " + t.SelfReported.Statement, moderated, StringComparison.Ordinal));
        Assert.Contains("Counted with the panel's judgement where it made one", moderated, StringComparison.Ordinal);
    }

    [Fact]
    public void What_good_looks_like_names_the_panels_good_practice_with_its_agency_or_says_there_was_none()
    {
        string text = Text(Render.Page<BriefingPage, BriefingView>(View(Panel)));
        Assert.Contains("<strong>Children's Social Care</strong>: Breakfast club arranged within a week", text, StringComparison.Ordinal);
        Assert.Contains("<strong>Health Visiting</strong>: Home visits kept up weekly", text, StringComparison.Ordinal);
        Assert.DoesNotContain("recorded no good practice", text, StringComparison.Ordinal);

        string none = Text(Render.Page<BriefingPage, BriefingView>(View(Panel with { Cases = [.. Panel.Cases.Select(c => c with { GoodPractice = [] })] })));
        Assert.Contains("The multi-agency panel recorded no good practice for this audit.", none, StringComparison.Ordinal);

        string before = Text(Render.Page<BriefingPage, BriefingView>(View()));
        Assert.Contains("The multi-agency panel has not recorded its view yet, so no good practice is recorded.", before, StringComparison.Ordinal);
    }

    [Fact]
    public void What_to_do_now_lists_the_learning_the_recommendations_and_the_open_actions_with_owner_and_UK_due_date()
    {
        string page = Render.Page<BriefingPage, BriefingView>(View(Panel, Plan));
        string text = Text(page);
        int now = text.IndexOf("4. What to do now", StringComparison.Ordinal);

        Assert.True(text.IndexOf("Record what changed for the child", StringComparison.Ordinal) > now);
        Assert.True(text.IndexOf("Explore the full history", StringComparison.Ordinal) > now);
        Assert.Contains("<td class=\"govuk-table__cell\">Health Visiting</td><td class=\"govuk-table__cell\">30 June 2026</td>", text, StringComparison.Ordinal);
        Assert.Contains("Share plans with school<span class=\"small\"> (marked done, awaiting review)</span></td><td class=\"govuk-table__cell\">Children's Social Care</td><td class=\"govuk-table__cell\">1 May 2026</td>", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Share plans with school", StringComparison.Ordinal) < text.IndexOf("Chart growth at every visit", StringComparison.Ordinal), "Soonest due first.");
        Assert.DoesNotContain("An action already closed", text, StringComparison.Ordinal);

        string empty = Text(Render.Page<BriefingPage, BriefingView>(View() with { Actions = [Accepted] }));
        Assert.Contains("No learning points recorded yet.", empty, StringComparison.Ordinal);
        Assert.Contains("No recommendations recorded yet.", empty, StringComparison.Ordinal);
        Assert.Contains("No actions are open.", empty, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sign_off_line_says_who_signed_the_findings_off_and_when_or_that_nobody_has()
    {
        PanelRecord signed = Panel with { Version = 3, SignedOffBy = "Chair of the panel", SignedOffAt = new DateTimeOffset(2026, 3, 24, 15, 0, 0, TimeSpan.Zero), SignedOffFindings = 1 };

        Assert.Contains("The multi-agency panel signed these findings off. Signed off by Chair of the panel on 24 March 2026 at 3pm GMT (findings version 1).", Text(Render.Page<BriefingPage, BriefingView>(View(signed))), StringComparison.Ordinal);
        Assert.Contains("Not yet signed off: the multi-agency panel has recorded its view but has not signed these findings off.", Text(Render.Page<BriefingPage, BriefingView>(View(Panel))), StringComparison.Ordinal);
        Assert.Contains("Not yet signed off: the multi-agency panel has not recorded its view of these findings.", Text(Render.Page<BriefingPage, BriefingView>(View())), StringComparison.Ordinal);
    }

    [Fact]
    public void No_narrative_from_the_returns_nor_any_case_reference_nor_the_panels_minutes_appears()
    {
        string text = Text(Render.Page<BriefingPage, BriefingView>(View(Panel, Plan)));
        List<string> narratives = [.. Pack.Cases.SelectMany(c => c.Questions).SelectMany(q => q.Cells).SelectMany(c => c.Narratives).Where(n => n.Trim().Length > 0).Distinct(StringComparer.Ordinal)];

        Assert.NotEmpty(narratives);
        Assert.All(narratives, n => Assert.DoesNotContain(n, text, StringComparison.Ordinal));
        Assert.All(new[] { CaseA, CaseB, CaseC }, c => Assert.DoesNotContain(c, text, StringComparison.Ordinal));
        Assert.DoesNotContain("Minutes that stay with the panel", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Panel note on the case", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Growth not charted", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Everything_typed_is_encoded()
    {
        Dictionary<string, string> hostileNames = Names.ToDictionary(n => n.Key, n => n.Value + " " + PageAssert.Hostile, StringComparer.Ordinal);
        BriefingView view = View(Panel, Plan, hostileNames) with { Audit = Audit with { Title = "Audit " + PageAssert.Hostile } };

        PageAssert.HostileTextIsEncoded(Render.Page<BriefingPage, BriefingView>(view));
        PageAssert.HostileTextIsEncoded(Render.Page<BriefingPage, BriefingView>(view with { InlineStyles = PageLayout.InlineCss("a > b { color: red; }") }));
    }

    [Fact]
    public void The_download_carries_its_styles_and_no_navigation_or_links_back_into_the_service()
    {
        string page = Render.Page<BriefingPage, BriefingView>(View(Panel, Plan) with { InlineStyles = PageLayout.InlineCss(".one > .two { color: red; }", "@media print { @page { size: A4 portrait; } }") });

        Assert.Contains("<style>.one > .two { color: red; }\n@media print { @page { size: A4 portrait; } }</style>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<link rel=\"stylesheet\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/api/", page, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-service-navigation__list", page, StringComparison.Ordinal);
        Assert.Contains(">4. What to do now</h2>", page, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PageLayout.InlineCss("a { } </style><script>alert(1)</script>"));
    }

    [Fact]
    public void The_findings_page_links_the_briefing_and_the_action_plan_does_once_findings_exist()
    {
        Assert.Contains("<a href=\"/api/coordinator/audits/neglect-hw/briefing\">", Render.Page<FindingsPage, FindingsView>(new(Pack)), StringComparison.Ordinal);

        ActionPlanView plan = new(Audit, Plan, [], []);
        const string Link = "href=\"/api/coordinator/audits/neglect-hw/briefing\"";
        Assert.DoesNotContain(Link, Render.Page<ActionPlanPage, ActionPlanView>(plan), StringComparison.Ordinal);
        Assert.Contains(Link, Render.Page<ActionPlanPage, ActionPlanView>(plan with { HasFindings = true }), StringComparison.Ordinal);
    }
}
