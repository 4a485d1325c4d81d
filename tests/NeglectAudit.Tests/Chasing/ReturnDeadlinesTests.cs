using NeglectAudit.Chasing;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Chasing;

public sealed class ReturnDeadlinesTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 3, 16, 17, 0, 0, TimeSpan.Zero);

    private static readonly ReturnKey Police = new("a1", "NA-01", "police");

    [Fact]
    public void Without_extensions_the_audit_deadline_is_version_zero()
    {
        Assert.Equal(new ReturnDeadline(0, Deadline, Deadline), ReturnDeadlines.Resolve(Police, Deadline, Deadline, []));
    }

    [Fact]
    public void Extensions_for_the_return_or_the_whole_audit_apply_and_others_do_not()
    {
        DeadlineExtension[] extensions =
        [
            Extension(1, null, null, Deadline.AddDays(2)),
            Extension(2, "NA-01", "health", Deadline.AddDays(9)),
            Extension(3, "NA-01", "police", Deadline.AddDays(5)),
        ];

        ReturnDeadline resolved = ReturnDeadlines.Resolve(Police, Deadline, Deadline, extensions);

        Assert.Equal(2, resolved.Version);
        Assert.Equal(Deadline.AddDays(5), resolved.EffectiveDeadline);
    }

    [Fact]
    public void A_later_whole_audit_extension_never_shortens_a_return_that_had_longer()
    {
        DeadlineExtension[] extensions =
        [
            Extension(1, "NA-01", "police", Deadline.AddDays(10)),
            Extension(2, null, null, Deadline.AddDays(3)),
        ];

        ReturnDeadline resolved = ReturnDeadlines.Resolve(Police, Deadline, Deadline, extensions);

        Assert.Equal(new ReturnDeadline(1, Deadline.AddDays(10), Deadline.AddDays(10)), resolved);
    }

    [Fact]
    public void Extensions_apply_in_the_order_they_were_made_whatever_order_they_are_read_in()
    {
        DeadlineExtension[] extensions =
        [
            Extension(2, null, null, Deadline.AddDays(4)),
            Extension(1, null, null, Deadline.AddDays(2)),
        ];

        Assert.Equal(2, ReturnDeadlines.Resolve(Police, Deadline, Deadline, extensions).Version);
    }

    private static DeadlineExtension Extension(int sequence, string? caseRef, string? agencyId, DateTimeOffset deadline) =>
        new("a1", sequence, caseRef, agencyId, deadline, deadline, "coordinator", "reason", Deadline);
}
