using NeglectAudit.Common;
using NeglectAudit.Findings;
using NeglectAudit.Panel;
using NeglectAudit.Tests.Returns;
using NeglectAudit.Tests.Web;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Panel;

/// <summary>The panel page and the panel's part of the pack, as components: GOV.UK controls, names not ids, everything typed encoded.</summary>
public sealed class PanelPageTests
{
    private static readonly Dictionary<string, string> HostileNames = Names.ToDictionary(n => n.Key, n => n.Value + " " + PageAssert.Hostile, StringComparer.Ordinal);

    private static readonly PanelRecord Record = new(
        AuditId,
        3,
        Start.AddDays(21),
        ["csc", "health"],
        "Minutes " + PageAssert.Hostile,
        [
            new PanelCase(
                CaseA,
                [new PanelAnswer(9, "no", "Note " + PageAssert.Hostile)],
                [new PanelModeration("health", "inadequate", EvidenceKind.Impact)],
                [new GoodPractice("csc", "Good practice " + PageAssert.Hostile)],
                [new PanelGap("health", "Gap " + PageAssert.Hostile, GapKinds.Recording)]),
        ],
        "Chair " + PageAssert.Hostile,
        Start.AddDays(21));

    private static PanelView View(PanelRecord? record, IReadOnlyList<FieldError>? errors = null, IReadOnlyDictionary<string, IReadOnlyList<string>>? fields = null) =>
        new(Audit with { Title = "Audit " + PageAssert.Hostile, Status = NeglectAudit.Calendar.AuditStatus.Compiled }, NeglectV1.QuestionSet, Compile(), HostileNames, record, fields ?? PanelForm.Fields(Audit, record), errors ?? []);

    [Fact]
    public void The_form_uses_GOV_UK_controls_names_agencies_and_shows_their_own_answers_beside_the_panels_fields()
    {
        string page = Render.Page<PanelPage, PanelView>(View(Record));

        PageAssert.EveryControlIsGovUk(page);
        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/neglect-hw/panel\" novalidate>", page, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"version\" value=\"3\" />", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/neglect-hw/panel/sign-off\" novalidate>", page, StringComparison.Ordinal);
        Assert.Contains("Moderated grade for Health Visiting", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Moderated grade for health", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"inadequate\" selected>", page, StringComparison.Ordinal);
        Assert.Contains("Impact or process (self-reported)", page, StringComparison.Ordinal);
        Assert.Contains("Process only: what was done", page, StringComparison.Ordinal);
        Assert.Contains("What the agencies said", page, StringComparison.Ordinal);
        Assert.Contains("Share the plan with school sooner.", page, StringComparison.Ordinal);
        Assert.Contains("id=\"meetingOn-day\"", page, StringComparison.Ordinal);
        Assert.Contains("Version 3, saved by Chair", page, StringComparison.Ordinal);
    }

    [Fact]
    public void In_error_the_summary_links_to_each_field_and_the_form_keeps_what_was_typed()
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(PanelForm.Fields(Audit, Record), StringComparer.Ordinal)
        {
            [PanelForm.GapKind(CaseB, 0)] = [string.Empty],
            [PanelForm.GapText(CaseB, 0)] = ["Typed " + PageAssert.Hostile],
            [PanelForm.GapAgency(CaseB, 0)] = ["health"],
        };
        FieldError[] errors =
        [
            new(PanelForm.Meeting, "Enter the date of the panel meeting"),
            new(PanelForm.GapKind(CaseB, 0), "Case NA-02, gap 1: say whether it was the practice or only the recording"),
            new(PanelForm.Grade(CaseA, "health"), "Case NA-01: select a grade from the list"),
        ];

        string page = Render.Page<PanelPage, PanelView>(View(Record, errors, fields));

        Assert.Equal(["meetingOn-day", "panel-case-NA-02-gap0-kind", "panel-case-NA-01-grade-health"], PageAssert.ErrorSummaryTargets(page));
        Assert.Contains("<title>Error: Panel: Audit", page, StringComparison.Ordinal);
        Assert.Contains("Typed &lt;script&gt;", page, StringComparison.Ordinal);
        Assert.Contains("id=\"panel-case-NA-02-gap0-kind-error\"", page, StringComparison.Ordinal);
        PageAssert.HostileTextIsEncoded(page);
    }

    [Fact]
    public void Signed_off_the_page_is_read_only_and_says_who_signed_off_and_when()
    {
        PanelRecord signed = Record with { Version = 4, SignedOffBy = "Chair of the panel", SignedOffAt = new DateTimeOffset(2026, 3, 24, 15, 0, 0, TimeSpan.Zero), SignedOffFindings = 1 };

        string page = Render.Page<PanelPage, PanelView>(View(signed));

        // The record's form is gone; the forms left send agency feedback a failed email left unsent, and a new link per agency.
        Assert.DoesNotContain("action=\"/api/coordinator/audits/" + signed.AuditId + "/panel\"", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/" + signed.AuditId + "/panel/feedback\">", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/api/coordinator/audits/" + signed.AuditId + "/panel/feedback/police/new-link\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/revoke-link", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<textarea", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<select", page, StringComparison.Ordinal);
        Assert.Contains("Signed off by Chair of the panel on 24 March 2026 at 3pm GMT (findings version 1)", page, StringComparison.Ordinal);
        Assert.Contains("s record is read-only.", page, StringComparison.Ordinal);
        Assert.Contains("The panel could not tell", GapKinds.Label(GapKinds.NotKnown), StringComparison.Ordinal);
        Assert.Contains("Recording: the work was done but not recorded", page, StringComparison.Ordinal);
        PageAssert.HostileTextIsEncoded(page);

        // Links sent and revoked: a live link can be revoked; every agency can be sent a new one.
        string links = Render.Page<PanelPage, PanelView>(View(signed) with
        {
            FeedbackLinks = new Dictionary<string, NeglectAudit.Feedback.FeedbackLinkState>
            {
                ["csc"] = new("csc", new DateTimeOffset(2026, 3, 24, 15, 5, 0, TimeSpan.Zero), null),
                ["health"] = new("health", new DateTimeOffset(2026, 3, 24, 15, 5, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 2, 9, 0, 0, TimeSpan.Zero)),
            },
        });
        Assert.Contains("Sent on 24 March 2026 at 3:05pm GMT", links, StringComparison.Ordinal);
        Assert.Contains("Revoked on 2 April 2026 at 10am BST", links, StringComparison.Ordinal);
        Assert.Contains("action=\"/api/coordinator/audits/" + signed.AuditId + "/panel/feedback/csc/revoke-link\"", links, StringComparison.Ordinal);
        Assert.DoesNotContain("/panel/feedback/health/revoke-link", links, StringComparison.Ordinal);
        Assert.Contains("Revoke the link<span class=\"govuk-visually-hidden\"> of Children", links, StringComparison.Ordinal);

        // NA-01: police sent a nil return, the school never returned; the read-only summary tells them apart.
        Assert.Contains("<td class=\"govuk-table__cell\">No answers: a nil return (no involvement)</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell\">No answers: not returned</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Before_the_findings_are_compiled_the_page_says_the_agencies_answers_are_not_shown()
    {
        string page = Render.Page<PanelPage, PanelView>(View(null) with { Pack = null });

        Assert.Contains("The findings have not been compiled yet", page, StringComparison.Ordinal);
        Assert.Contains("The panel has not recorded its view yet.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign off the findings", page, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"version\" value=\"0\" />", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pack_shows_self_reported_and_panel_moderated_judgements_side_by_side()
    {
        string page = Render.Page<FindingsPage, FindingsView>(new(Compile()) { Panel = Record });

        PageAssert.HostileTextIsEncoded(page);
        Assert.Contains("<h2>The panel's judgement</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Self-grade (self-reported)</th><th scope=\"col\">Panel-moderated grade</th>", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pre-wrap\">Process only: what was done</td><td class=\"pre-wrap\">Impact: what changed for the child</td>", page, StringComparison.Ordinal);
        Assert.Contains("Recording: the work was done but not recorded", page, StringComparison.Ordinal);
        Assert.Contains("Good practice &lt;script&gt;", page, StringComparison.Ordinal);

        // Health's self-grade in NA-01 (requires improvement) moderated to inadequate: one return moves bar.
        Assert.Contains("<desc id=\"chart-grades-desc\">Outstanding: 1. Good: 1. Requires improvement: 2. Inadequate: 1.</desc>", page, StringComparison.Ordinal);
        Assert.Contains("<desc id=\"chart-moderated-grades-desc\">Outstanding: 1. Good: 1. Requires improvement: 1. Inadequate: 2.</desc>", page, StringComparison.Ordinal);
        Assert.Contains("Counted with the panel&#x27;s calls where it made them. Self-reported: In the majority of cases (2 of 3), at least one agency evidenced only what was done (process)", page, StringComparison.Ordinal);
        Assert.Contains("In one case (1 of 3), at least one agency evidenced only what was done (process)", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/audits/neglect-hw/panel\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pack_without_a_panel_record_counts_as_before_and_links_the_panel_page()
    {
        string page = Render.Page<FindingsPage, FindingsView>(new(Compile()));

        Assert.DoesNotContain("id=\"panel\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Counted with the panel", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/coordinator/audits/neglect-hw/panel\"", page, StringComparison.Ordinal);
    }
}
