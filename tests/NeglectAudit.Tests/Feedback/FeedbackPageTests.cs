using System.Net;
using Microsoft.AspNetCore.Http;
using NeglectAudit.Actions;
using NeglectAudit.Feedback;
using NeglectAudit.Findings;
using NeglectAudit.Links;
using NeglectAudit.Panel;
using NeglectAudit.Tests.Web;
using Contact = NeglectAudit.Calendar.Contact;
using static NeglectAudit.Tests.Findings.HandWorkedAudit;

namespace NeglectAudit.Tests.Feedback;

/// <summary>
/// One agency's feedback page (its lead's personal link), drawn from the hand-worked audit: its own
/// answers, the panel's moderated grade and call beside its own, the good practice and gaps the panel
/// named in it, and its actions with UK due dates; nothing of another agency's; everything typed encoded.
/// </summary>
public sealed class FeedbackPageTests
{
    private static readonly FindingsPack Pack = Compile();

    private static readonly PanelRecord Panel = new(
        AuditId,
        3,
        Start.AddDays(21),
        ["csc", "health"],
        "Minutes that stay with the panel",
        [
            new PanelCase(
                CaseA,
                [new PanelAnswer(9, "no", "Panel note on the case")],
                [new PanelModeration("health", "inadequate", EvidenceKind.ProcessOnly), new PanelModeration("csc", "outstanding", EvidenceKind.Impact)],
                [new GoodPractice("csc", "Breakfast club arranged within a week " + PageAssert.Hostile), new GoodPractice("health", "Growth checked at home " + PageAssert.Hostile)],
                [new PanelGap("health", "Growth not charted", GapKinds.Recording), new PanelGap("csc", "Plan not shared with school", GapKinds.Practice)]),
        ],
        "Chair of the panel",
        Start.AddDays(21),
        "Chair of the panel",
        Start.AddDays(21),
        1);

    private static readonly AuditAction HealthAction = new(
        AuditId, "A1", "Chart growth at every visit " + PageAssert.Hostile, 1, "health", new Contact("Named Nurse", "nurse@example.org"),
        new DateTimeOffset(2026, 6, 30, 22, 59, 59, TimeSpan.Zero), "Dip sample", Start);

    private static readonly AuditAction CscAction = HealthAction with { ActionId = "A2", Title = "Share plans with school", OwnerAgencyId = "csc", Owner = new Contact("Team Manager", "tm@example.org") };

    private static FeedbackView View(string agencyId) => new(
        Audit with { Status = NeglectAudit.Calendar.AuditStatus.Compiled },
        agencyId,
        Names[agencyId],
        NeglectAudit.Tests.Returns.NeglectV1.QuestionSet,
        Pack,
        Panel,
        [new FeedbackAction(agencyId == "health" ? HealthAction : CscAction, "On track")]);

    [Fact]
    public void The_health_page_shows_its_own_answers_the_panels_view_of_them_and_its_actions()
    {
        string html = Render.Page<FeedbackPage, FeedbackView>(View("health"));
        string text = WebUtility.HtmlDecode(html);

        Assert.Contains("Feedback for Health Visiting", text, StringComparison.Ordinal);
        Assert.Contains("Two health visits and a referral.", text, StringComparison.Ordinal);
        Assert.Contains("Record growth at every visit.", text, StringComparison.Ordinal);
        Assert.Contains("Requires improvement", text, StringComparison.Ordinal);
        Assert.Contains("Inadequate", text, StringComparison.Ordinal);
        Assert.Contains(PanelText.Evidence(EvidenceKind.ProcessOnly), text, StringComparison.Ordinal);
        Assert.Contains("Growth checked at home", text, StringComparison.Ordinal);
        Assert.Contains("Growth not charted", text, StringComparison.Ordinal);
        Assert.Contains("Chart growth at every visit", text, StringComparison.Ordinal);
        Assert.Contains("<td class=\"govuk-table__cell\">30 June 2026</td>", text, StringComparison.Ordinal);
        Assert.Contains("Case " + CaseB, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Case " + CaseC, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_health_page_shows_nothing_of_another_agencys_answers_panel_view_or_actions()
    {
        string text = WebUtility.HtmlDecode(Render.Page<FeedbackPage, FeedbackView>(View("health")));

        Assert.DoesNotContain("Breakfast at nursery every day", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Share the plan with school sooner.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Child protection conference held.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Breakfast club arranged", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Plan not shared with school", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Share plans with school", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Outstanding", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Children's Social Care", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_csc_page_is_its_own_and_not_healths()
    {
        string text = WebUtility.HtmlDecode(Render.Page<FeedbackPage, FeedbackView>(View("csc")));

        Assert.Contains("Breakfast at nursery every day", text, StringComparison.Ordinal);
        Assert.Contains("Plan not shared with school", text, StringComparison.Ordinal);
        Assert.Contains("Share plans with school", text, StringComparison.Ordinal);
        Assert.Contains("Case " + CaseC, text, StringComparison.Ordinal);
        Assert.DoesNotContain("Two health visits and a referral.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Growth not charted", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chart growth at every visit", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csc", "Your return: submitted.")]
    [InlineData("police", "Your return: a nil return (no involvement with the child or family).")]
    [InlineData("school", "Your return: not returned: it was closed at the deadline without answers.")]
    public void The_page_says_in_words_whether_the_return_was_answered_a_nil_return_or_never_returned(string agencyId, string said)
    {
        string text = WebUtility.HtmlDecode(Render.Page<FeedbackPage, FeedbackView>(View(agencyId)));

        Assert.Contains($"<p class=\"govuk-body\">{said}</p>", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NotReturned", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Your return: Submitted.", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("health")]
    [InlineData("csc")]
    public void Typed_text_is_encoded(string agencyId)
    {
        PageAssert.HostileTextIsEncoded(Render.Page<FeedbackPage, FeedbackView>(View(agencyId)));
    }

    [Fact]
    public void A_feedback_link_lives_its_days_from_sending_and_a_newer_link_replaces_it()
    {
        DateTimeOffset sent = Start.AddDays(30);
        DateTimeOffset expires = LinkLifetimes.FeedbackLinkExpiry(sent, 90);

        Assert.Equal(sent.AddDays(90), expires);
        Assert.Equal(LinkStanding.Open, LinkLifetimes.FeedbackLink(isCurrent: true, revoked: false, expires, expires));
        Assert.Equal(LinkStanding.Expired, LinkLifetimes.FeedbackLink(isCurrent: true, revoked: false, expires, expires.AddSeconds(1)));
        Assert.Equal(LinkStanding.Superseded, LinkLifetimes.FeedbackLink(isCurrent: false, revoked: false, expires, sent));
        Assert.Equal(LinkStanding.Revoked, LinkLifetimes.FeedbackLink(isCurrent: true, revoked: true, expires, sent));
        Assert.Equal(StatusCodes.Status410Gone, LinkRefusals.For(LinkKind.Feedback, LinkStanding.Expired).Status);
        Assert.Equal(StatusCodes.Status404NotFound, LinkRefusals.For(LinkKind.Feedback, LinkStanding.Unknown).Status);
    }
}
