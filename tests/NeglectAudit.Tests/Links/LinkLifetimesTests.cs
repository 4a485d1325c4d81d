using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using NeglectAudit.Links;
using NeglectAudit.Returns;
using NeglectAudit.Tests.Web;
using NeglectAudit.Web.Ui;

namespace NeglectAudit.Tests.Links;

/// <summary>How long each kind of personal link lives, and what ends it first.</summary>
public sealed class LinkLifetimesTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 3, 16, 17, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_return_link_lives_through_the_chase_ladder_after_the_deadline_then_a_few_days_more()
    {
        DateTimeOffset ladderCutOff = Deadline.AddDays(14);

        Assert.Equal(Deadline.AddDays(21), LinkLifetimes.ReturnLinkExpiry(Deadline, ladderCutOff, closedAt: null, daysAfterCutOff: 7));
        Assert.Equal(ladderCutOff, LinkLifetimes.ReturnLinkExpiry(Deadline, ladderCutOff, closedAt: null, daysAfterCutOff: 0));
    }

    [Fact]
    public void A_reopening_or_a_late_closing_moves_a_return_link_s_expiry_later_and_nothing_moves_it_earlier()
    {
        DateTimeOffset ladderCutOff = Deadline.AddDays(14);

        Assert.Equal(Deadline.AddDays(37), LinkLifetimes.ReturnLinkExpiry(Deadline.AddDays(30), ladderCutOff, closedAt: null, daysAfterCutOff: 7));
        Assert.Equal(Deadline.AddDays(22), LinkLifetimes.ReturnLinkExpiry(Deadline, ladderCutOff, closedAt: ladderCutOff.AddDays(1), daysAfterCutOff: 7));
        Assert.Equal(Deadline.AddDays(21), LinkLifetimes.ReturnLinkExpiry(Deadline, ladderCutOff, closedAt: Deadline.AddDays(-3), daysAfterCutOff: 7));
    }

    [Fact]
    public void A_return_link_is_revoked_replaced_or_expired_in_that_order_of_precedence()
    {
        DateTimeOffset expires = Deadline.AddDays(21);

        Assert.Equal(LinkStanding.Open, LinkLifetimes.ReturnLink(isCurrent: true, revoked: false, expires, expires));
        Assert.Equal(LinkStanding.Expired, LinkLifetimes.ReturnLink(isCurrent: true, revoked: false, expires, expires.AddSeconds(1)));
        Assert.Equal(LinkStanding.Superseded, LinkLifetimes.ReturnLink(isCurrent: false, revoked: false, expires, Deadline));
        Assert.Equal(LinkStanding.Revoked, LinkLifetimes.ReturnLink(isCurrent: false, revoked: true, expires, expires.AddDays(1)));
    }

    [Fact]
    public void An_action_link_lives_until_the_due_date_plus_a_margin_or_from_an_overdue_reminder_sent_after_it()
    {
        Assert.Equal(Deadline.AddDays(28), LinkLifetimes.ActionLinkExpiry(Deadline, issuedAt: Deadline.AddDays(-30), daysAfterDue: 28));
        Assert.Equal(Deadline.AddDays(40 + 28), LinkLifetimes.ActionLinkExpiry(Deadline, issuedAt: Deadline.AddDays(40), daysAfterDue: 28));
        Assert.Equal(Deadline.AddDays(28), LinkLifetimes.ActionLinkExpiry(Deadline, issuedAt: null, daysAfterDue: 28));
    }

    [Fact]
    public void An_action_link_ends_when_revoked_replaced_expired_or_its_action_accepted()
    {
        DateTimeOffset expires = Deadline.AddDays(28);

        Assert.Equal(LinkStanding.Open, LinkLifetimes.ActionLink(isCurrent: true, revoked: false, accepted: false, expires, Deadline));
        Assert.Equal(LinkStanding.Ended, LinkLifetimes.ActionLink(isCurrent: true, revoked: false, accepted: true, expires, Deadline));
        Assert.Equal(LinkStanding.Expired, LinkLifetimes.ActionLink(isCurrent: true, revoked: false, accepted: true, expires, expires.AddMinutes(1)));
        Assert.Equal(LinkStanding.Superseded, LinkLifetimes.ActionLink(isCurrent: false, revoked: false, accepted: false, expires, Deadline));
        Assert.Equal(LinkStanding.Revoked, LinkLifetimes.ActionLink(isCurrent: true, revoked: true, accepted: false, expires, Deadline));
    }

    [Fact]
    public void An_acknowledge_link_never_expires_while_its_alert_is_alerting_and_expires_a_grace_after_it_stopped()
    {
        TimeSpan grace = TimeSpan.FromHours(72);
        DateTimeOffset issued = Deadline;
        DateTimeOffset acknowledged = issued.AddHours(1);

        Assert.Equal(LinkStanding.Open, LinkLifetimes.AcknowledgeLink(issued, linksRevokedAt: null, alertRunning: true, acknowledgedAt: null, grace, issued.AddYears(2)));
        Assert.Equal(LinkStanding.Ended, LinkLifetimes.AcknowledgeLink(issued, linksRevokedAt: null, alertRunning: false, acknowledged, grace, acknowledged + grace));
        Assert.Equal(LinkStanding.Expired, LinkLifetimes.AcknowledgeLink(issued, linksRevokedAt: null, alertRunning: false, acknowledged, grace, acknowledged + grace + TimeSpan.FromSeconds(1)));
        Assert.Equal(LinkStanding.Expired, LinkLifetimes.AcknowledgeLink(issued, linksRevokedAt: null, alertRunning: false, acknowledged, TimeSpan.Zero, acknowledged.AddSeconds(1)));
    }

    [Fact]
    public void An_acknowledge_link_still_works_while_its_alert_is_alerting_even_if_an_acknowledgement_did_not_reach_it()
    {
        // The acknowledgement is stored before the alert is told; if telling it failed, pressing again must work.
        DateTimeOffset acknowledged = Deadline;

        Assert.Equal(LinkStanding.Open, LinkLifetimes.AcknowledgeLink(Deadline.AddHours(-1), linksRevokedAt: null, alertRunning: true, acknowledged, TimeSpan.Zero, acknowledged.AddDays(30)));
    }

    [Fact]
    public void A_coordinator_s_revocation_ends_the_acknowledge_links_sent_before_it_and_not_the_next_round_s()
    {
        TimeSpan grace = TimeSpan.FromHours(72);
        DateTimeOffset revoked = Deadline;

        Assert.Equal(LinkStanding.Revoked, LinkLifetimes.AcknowledgeLink(revoked.AddMinutes(-30), revoked, alertRunning: true, acknowledgedAt: null, grace, revoked.AddMinutes(1)));
        Assert.Equal(LinkStanding.Revoked, LinkLifetimes.AcknowledgeLink(issuedAt: null, revoked, alertRunning: true, acknowledgedAt: null, grace, revoked.AddMinutes(1)));
        Assert.Equal(LinkStanding.Open, LinkLifetimes.AcknowledgeLink(revoked.AddMinutes(30), revoked, alertRunning: true, acknowledgedAt: null, grace, revoked.AddMinutes(31)));
    }

    [Fact]
    public void Only_an_unknown_link_gets_404_every_genuine_link_that_no_longer_works_gets_410_and_its_own_page()
    {
        foreach (LinkKind kind in Enum.GetValues<LinkKind>())
        {
            Assert.Equal(StatusCodes.Status404NotFound, LinkRefusals.For(kind, LinkStanding.Unknown).Status);
            foreach (LinkStanding standing in new[] { LinkStanding.Expired, LinkStanding.Superseded, LinkStanding.Revoked })
            {
                Assert.Equal(StatusCodes.Status410Gone, LinkRefusals.For(kind, standing).Status);
            }
        }

        Assert.Contains("This link has expired", Render.Page<MessagePage, Message>(LinkRefusals.For(LinkKind.Return, LinkStanding.Expired).Message), StringComparison.Ordinal);
        Assert.Contains("contact the audit coordinator", Render.Page<MessagePage, Message>(LinkRefusals.For(LinkKind.Return, LinkStanding.Expired).Message), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("a new link comes with the next reminder", Render.Page<MessagePage, Message>(LinkRefusals.For(LinkKind.ActionOwner, LinkStanding.Expired).Message), StringComparison.Ordinal);
        Assert.Contains("This action is closed", Render.Page<MessagePage, Message>(LinkRefusals.For(LinkKind.ActionOwner, LinkStanding.Ended).Message), StringComparison.Ordinal);
    }

    [Fact]
    public void The_lifetime_settings_have_valid_defaults_and_refuse_values_out_of_range()
    {
        var defaults = new LinkOptions { PublicBaseUrl = "https://audit.example.org", TokenHashKey = new string('k', 32) };
        Assert.True(Validator.TryValidateObject(defaults, new ValidationContext(defaults), null, validateAllProperties: true));
        Assert.Equal(7, defaults.LinkDaysAfterCutOff);
        Assert.Equal(28, defaults.ActionLinkDaysAfterDue);
        Assert.Equal(72, defaults.AcknowledgeLinkGraceHours);

        foreach (LinkOptions bad in new[]
        {
            Copy(defaults, o => o.ActionLinkDaysAfterDue = 0),
            Copy(defaults, o => o.ActionLinkDaysAfterDue = 366),
            Copy(defaults, o => o.AcknowledgeLinkGraceHours = -1),
            Copy(defaults, o => o.AcknowledgeLinkGraceHours = (30 * 24) + 1),
            Copy(defaults, o => o.LinkDaysAfterCutOff = -1),
        })
        {
            Assert.False(Validator.TryValidateObject(bad, new ValidationContext(bad), null, validateAllProperties: true));
        }
    }

    private static LinkOptions Copy(LinkOptions source, Action<LinkOptions> change)
    {
        var copy = new LinkOptions { PublicBaseUrl = source.PublicBaseUrl, TokenHashKey = source.TokenHashKey };
        change(copy);
        return copy;
    }
}
