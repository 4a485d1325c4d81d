using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NeglectAudit.Common;

namespace NeglectAudit.Tests.Properties;

/// <summary>
/// Durable instance ids never collide: two different (kind, ids) tuples never give the same id,
/// because each id reads back to exactly the tuple it was made from. Identifiers are drawn from a
/// tiny alphabet full of hyphens so that the old scheme's collisions (audit <c>x</c> + case
/// <c>y-1</c> against audit <c>x-y</c> + case <c>1</c>) come up within a few tries.
/// </summary>
public sealed class InstanceIdProperties
{
    [Property(MaxTest = 5000, Arbitrary = [typeof(Tuples)])]
    public bool Every_id_reads_back_to_the_kind_and_ids_it_was_made_from(IdTuple tuple)
    {
        string id = tuple.Make(Scheme.Current);
        return InstanceIds.TryParse(id, out string kind, out IReadOnlyList<string> parts)
            && kind == tuple.Kind
            && parts.SequenceEqual(tuple.PartsAsWritten)
            && InstanceIds.AuditOf(id) == tuple.AuditId;
    }

    [Property(MaxTest = 5000, Arbitrary = [typeof(Tuples)])]
    public bool Different_tuples_never_share_an_id(TuplePair pair) => NoCollision(Scheme.Current, pair);

    [Fact]
    public void The_collision_property_fails_on_the_old_hyphen_scheme()
    {
        // The same property, run against the ids as they were joined before: FsCheck finds a collision.
        Assert.ThrowsAny<Exception>(() => Prop.ForAll(Tuples.TuplePair(), pair => NoCollision(Scheme.Legacy, pair))
            .QuickCheckThrowOnFailure());
    }

    [Fact]
    public void The_issue_example_no_longer_collides()
    {
        Assert.Equal(InstanceIds.Legacy.ForReturn("x", "y-1", "g"), InstanceIds.Legacy.ForReturn("x-y", "1", "g"));
        Assert.NotEqual(InstanceIds.ForReturn("x", "y-1", "g"), InstanceIds.ForReturn("x-y", "1", "g"));
        Assert.NotEqual(InstanceIds.ForRisk("x", "y-1", "g", 1), InstanceIds.ForRisk("x-y", "1", "g", 1));
        Assert.NotEqual(InstanceIds.ForAction("x", "y-1"), InstanceIds.ForAction("x-y", "1"));
    }

    [Theory]
    [InlineData("x\n")]
    [InlineData("x_y")]
    [InlineData("")]
    [InlineData("-x")]
    public void A_part_that_is_not_an_identifier_is_refused(string part)
    {
        Assert.False(Identifiers.IsValid(part));
        Assert.Throws<ArgumentException>(() => InstanceIds.ForAudit(part));
        Assert.Throws<ArgumentException>(() => InstanceIds.ForReturn("a1", part, "csc"));
    }

    [Fact]
    public void A_cycle_started_under_the_old_scheme_names_its_returns_the_old_way()
    {
        Assert.Equal("audit-a1-C1-csc", InstanceIds.ForReturnOfCycle("audit-a1", "a1", "C1", "csc"));
        Assert.Equal("return_a1_C1_csc", InstanceIds.ForReturnOfCycle(InstanceIds.ForAudit("a1"), "a1", "C1", "csc"));
    }

    [Fact]
    public void An_old_id_that_could_name_two_audits_is_claimed_by_neither_alone()
    {
        string ambiguous = InstanceIds.Legacy.ForReturn("x", "y-1", "g");
        Assert.Equal(["x", "x-y"], InstanceIds.Legacy.CandidateAudits(ambiguous, ["x", "x-y", "z"]));
        Assert.Equal(["x"], InstanceIds.Legacy.CandidateAudits(ambiguous, ["x", "z"]));
    }

    private static bool NoCollision(Scheme scheme, TuplePair pair) =>
        pair.One == pair.Other || pair.One.Make(scheme) != pair.Other.Make(scheme);

    public enum Scheme
    {
        Current,
        Legacy,
    }

    /// <summary>Two tuples: unrelated, or the second made from the first by moving the boundaries between its ids to other hyphens.</summary>
    public sealed record TuplePair(IdTuple One, IdTuple Other);

    public sealed record IdTuple(string Kind, string AuditId, string Second, string Third, int Version)
    {
        public IReadOnlyList<string> PartsAsWritten => Kind switch
        {
            InstanceIds.Audit or InstanceIds.Findings => [AuditId],
            InstanceIds.Action => [AuditId, Second],
            InstanceIds.Return => [AuditId, Second, Third],
            _ => [AuditId, Second, Third, $"v{Version}"],
        };

        public string Make(Scheme scheme) => (Kind, scheme) switch
        {
            (InstanceIds.Audit, Scheme.Current) => InstanceIds.ForAudit(AuditId),
            (InstanceIds.Findings, Scheme.Current) => InstanceIds.ForFindings(AuditId),
            (InstanceIds.Action, Scheme.Current) => InstanceIds.ForAction(AuditId, Second),
            (InstanceIds.Return, Scheme.Current) => InstanceIds.ForReturn(AuditId, Second, Third),
            (_, Scheme.Current) => InstanceIds.ForRisk(AuditId, Second, Third, Version),
            (InstanceIds.Audit, _) => InstanceIds.Legacy.ForAudit(AuditId),
            (InstanceIds.Findings, _) => InstanceIds.Legacy.ForFindings(AuditId),
            (InstanceIds.Action, _) => InstanceIds.Legacy.ForAction(AuditId, Second),
            (InstanceIds.Return, _) => InstanceIds.Legacy.ForReturn(AuditId, Second, Third),
            _ => InstanceIds.Legacy.ForRisk(AuditId, Second, Third, Version),
        };

        /// <summary>Equal when they name the same instance; parts a kind does not use do not count.</summary>
        public bool Equals(IdTuple? other) => other is not null && Kind == other.Kind && PartsAsWritten.SequenceEqual(other.PartsAsWritten);

        public override int GetHashCode() => HashCode.Combine(Kind, string.Join('\n', PartsAsWritten));
    }

    public static class Tuples
    {
        /// <summary>Identifiers from x, y, 1 and hyphens: short, so that tuples overlap often.</summary>
        private static readonly Gen<string> Id =
            Gen.Choose(1, 5).SelectMany(n => Gen.ArrayOf(Gen.Elements('x', 'y', '1', '-'), n))
                .Select(chars => new string(chars))
                .Where(Identifiers.IsValid);

        public static Gen<IdTuple> IdTuple() =>
            from kind in Gen.Elements(InstanceIds.Kinds.ToArray())
            from audit in Id
            from second in Id
            from third in Id
            from version in Gen.Choose(1, 12)
            select new IdTuple(kind, audit, second, third, version);

        public static Arbitrary<IdTuple> Arbitrary() => Arb.From(IdTuple());

        public static Arbitrary<TuplePair> TuplePair() => Arb.From(Gen.Frequency(
            (1, Gen.Zip(IdTuple(), IdTuple()).Select(t => new TuplePair(t.Item1, t.Item2))),
            (3, from one in IdTuple()
                from seed in Gen.Choose(0, int.MaxValue)
                select new TuplePair(one, Resplit(one, new Random(seed))))));

        /// <summary>The same characters with the ids cut at other hyphens, when that still gives identifiers.</summary>
        private static IdTuple Resplit(IdTuple tuple, Random random)
        {
            int ids = tuple.Kind switch { InstanceIds.Audit or InstanceIds.Findings => 1, InstanceIds.Action => 2, _ => 3 };
            string joined = string.Join('-', new[] { tuple.AuditId, tuple.Second, tuple.Third }.Take(ids));
            int[] hyphens = [.. joined.Select((c, i) => (c, i)).Where(x => x.c == '-').Select(x => x.i)];
            if (hyphens.Length < ids - 1)
            {
                return tuple;
            }

            int[] cuts = [.. hyphens.OrderBy(_ => random.Next()).Take(ids - 1).Order()];
            var parts = new List<string>();
            int from = 0;
            foreach (int cut in cuts)
            {
                parts.Add(joined[from..cut]);
                from = cut + 1;
            }

            parts.Add(joined[from..]);
            return parts.All(Identifiers.IsValid)
                ? tuple with { AuditId = parts[0], Second = parts.Count > 1 ? parts[1] : tuple.Second, Third = parts.Count > 2 ? parts[2] : tuple.Third }
                : tuple;
        }
    }
}
