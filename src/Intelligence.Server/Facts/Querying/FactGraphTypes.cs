using GraphQL;
using GraphQL.Types;
using Intelligence.Domain.Facts;
using Intelligence.Server.Articles.Viewing;
using Intelligence.Server.Facts.Corroborating;
using Intelligence.Server.GraphQL;
using Intelligence.Server.GraphQL.Caching;
using Microsoft.Extensions.DependencyInjection;

namespace Intelligence.Server.Facts.Querying;

public sealed class FactTypeEnum : EnumerationGraphType
{
    public FactTypeEnum()
    {
        Name = "FactType";
        foreach (var type in FactTypes.All) Add(type.ToUpperInvariant(), type, $"A {type} fact.");
    }
}

public sealed record Money(decimal Amount, string Currency);

public sealed class MoneyGraphType : ObjectGraphType<Money>
{
    public MoneyGraphType()
    {
        Name = "Money";
        Field(x => x.Amount).Description("Amount in units of the currency (not cents).");
        Field(x => x.Currency).Description("ISO 4217 code, e.g. USD, EUR.");
        this.FieldsReadOnlyTheirSource();
    }
}

/// <summary>The fact's own fields (the JSON contract), shared by FactView and timeline entries.</summary>
public static class FactFields
{
    public static void Add<TSource>(ObjectGraphType<TSource> type, Func<TSource, Fact> fact)
    {
        type.Field<NonNullGraphType<FactTypeEnum>>("type").Resolve(c => fact(c.Source).Type);
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("companies").Resolve(c => fact(c.Source).Companies);
        type.Field<StringGraphType>("holder").Resolve(c => fact(c.Source).Holder);
        type.Field<StringGraphType>("target").Resolve(c => fact(c.Source).Target);
        type.Field<StringGraphType>("investor").Resolve(c => fact(c.Source).Investor);
        type.Field<StringGraphType>("company").Resolve(c => fact(c.Source).Company);
        type.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("parties").Resolve(c => fact(c.Source).Parties);
        type.Field<FloatGraphType>("percent").Resolve(c => fact(c.Source).Percent);
        type.Field<MoneyGraphType>("money").Description("The amount (upper bound of a range).").Resolve(c => MoneyOf(fact(c.Source)));
        type.Field<MoneyGraphType>("moneyLow").Description("Lower bound when the text gives a range.").Resolve(c =>
            fact(c.Source).AmountUsdLow is { } low ? new Money(low, "USD") : null);
        type.Field<StringGraphType>("period").Resolve(c => fact(c.Source).Period);
        type.Field<StringGraphType>("kind").Resolve(c => fact(c.Source).Kind);
        type.Field<StringGraphType>("subject").Resolve(c => fact(c.Source).Subject);
        type.Field<StringGraphType>("change").Resolve(c => fact(c.Source).Change);
        type.Field<StringGraphType>("until").Resolve(c => fact(c.Source).Until);
        type.Field<StringGraphType>("product").Resolve(c => fact(c.Source).Product);
        type.Field<StringGraphType>("person").Resolve(c => fact(c.Source).Person);
        type.Field<StringGraphType>("statedDate").Description("The date the text gives for the fact (ISO yyyy[-MM[-dd]]).").Resolve(c => fact(c.Source).Date);
    }

    public static Money? MoneyOf(Fact fact) =>
        fact.AmountUsd is { } usd ? new Money(usd, "USD")
        : fact.Amount is { } amount ? new Money(amount, fact.Currency ?? "?")
        : null;
}

public sealed class FactSourceGraphType : ObjectGraphType<FactSource>
{
    public FactSourceGraphType()
    {
        Name = "FactSource";
        Description = "One article that states the fact, with the quote it was read from.";
        Field<ArticleGraphType>("article").Resolve(ctx =>
            ctx.RequestServices!.GetRequiredService<ArticleLoader>().Articles.Load(ctx.Source.ArticleId));
        Field(x => x.Outlet, nullable: true);
        Field(x => x.PublishedAt, nullable: true);
        Field(x => x.Quote, nullable: true);
        Field(x => x.Confidence);
        Field(x => x.Expert, nullable: true);
        Field(x => x.ExtractorVersion);
        this.FieldsReadOnlyTheirSource(except: "article");
    }
}

public sealed class FactGraphType : ObjectGraphType<FactView>
{
    public FactGraphType()
    {
        Name = "Fact";
        Description = "A fact across every article that reports it: one fact, many sources.";
        Interface<NodeInterface>();
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(ctx => GlobalId.Encode("Fact", ctx.Source.Id));
        Field("key", x => x.Id).Description("The fact's identity: type, canonical entities, bucketed value, period.");
        FactFields.Add(this, v => v.Fact);
        Field("confidence", x => x.BestConfidence).Description("The best confidence among its sources.");
        Field(x => x.SourceCount).Description("Articles stating it.");
        Field(x => x.OutletCount).Description("Distinct outlets stating it (corroboration).");
        Field(x => x.FirstSeen);
        Field(x => x.LastSeen);
        Field(x => x.FactDate, nullable: true).Description("When it happened: the text's own date, else the first publication date.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FactSourceGraphType>>>>("sources").Resolve(ctx => ctx.Source.Sources);
        IsTypeOf = o => o is FactView;
    }
}
