-- The lowest and highest price of each performance, kept on the
-- performance by a trigger on catalog.performance_prices: the SQL Server
-- twin of sql/postgres/0017_price_range.sql.
--
-- A search sorted by price, or with a price range, looked up the prices of
-- every candidate. With the range on the performance, a top price is "the
-- lowest price is at most that", a bottom price "the highest price is at
-- least that", and only a search with both still looks at the sections'
-- prices, of the performances that pass those two.
-- TODO: TRUNCATE TABLE runs no triggers in SQL Server, so emptying
-- catalog.performance_prices that way leaves the ranges as they were;
-- DELETE keeps them right. PostgreSQL also makes changes to one
-- performance's prices take turns and refuses them above READ COMMITTED;
-- SQL Server relies on its locking reads for that.
SET ANSI_NULLS ON;
SET QUOTED_IDENTIFIER ON;
GO

ALTER TABLE catalog.performances
    ADD lowest_price_cents int NULL,
        highest_price_cents int NULL;
GO

-- Works out the range again for the performances whose prices a statement
-- added, changed or removed.
CREATE OR ALTER TRIGGER catalog.tg_performance_prices__keep_price_range
ON catalog.performance_prices
AFTER INSERT, UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;

    SELECT c.performance_id
    INTO #changed_prices
    FROM (
        SELECT i.performance_id FROM inserted AS i
        UNION
        SELECT d.performance_id FROM deleted AS d
    ) AS c;

    -- Tells catalog.tg_performances__guard_price_range that the range
    -- written next is the kept one.
    EXEC sys.sp_set_session_context @key = N'boxoffice.keeping_price_range', @value = 1;

    UPDATE p
    SET p.lowest_price_cents = r.lowest, p.highest_price_cents = r.highest
    FROM catalog.performances AS p
    JOIN #changed_prices AS c ON c.performance_id = p.performance_id
    OUTER APPLY (
        SELECT MIN(pp.price_cents) AS lowest, MAX(pp.price_cents) AS highest
        FROM catalog.performance_prices AS pp
        WHERE pp.performance_id = p.performance_id
    ) AS r
    WHERE EXISTS (
        SELECT p.lowest_price_cents, p.highest_price_cents
        EXCEPT
        SELECT r.lowest, r.highest
    );

    EXEC sys.sp_set_session_context @key = N'boxoffice.keeping_price_range', @value = 0;
END;
GO

-- The range is only ever what the prices say: a range written other than
-- by the trigger above (by hand, or by some other trigger) is worked out
-- again.
CREATE OR ALTER TRIGGER catalog.tg_performances__guard_price_range
ON catalog.performances
AFTER INSERT, UPDATE
AS
BEGIN
    SET NOCOUNT ON;

    IF CONVERT(int, SESSION_CONTEXT(N'boxoffice.keeping_price_range')) = 1
        RETURN;

    -- The update below fires this trigger again where recursive triggers
    -- are on.
    IF TRIGGER_NESTLEVEL(@@PROCID) > 1
        RETURN;

    DECLARE @Written bit = 0;
    IF UPDATE(lowest_price_cents)
        SET @Written = 1;
    IF UPDATE(highest_price_cents)
        SET @Written = 1;
    IF @Written = 0
        RETURN;

    UPDATE p
    SET p.lowest_price_cents = r.lowest, p.highest_price_cents = r.highest
    FROM catalog.performances AS p
    JOIN inserted AS i ON i.performance_id = p.performance_id
    OUTER APPLY (
        SELECT MIN(pp.price_cents) AS lowest, MAX(pp.price_cents) AS highest
        FROM catalog.performance_prices AS pp
        WHERE pp.performance_id = p.performance_id
    ) AS r;
END;
GO

-- Back-fill -------------------------------------------------------------------

UPDATE p
SET p.lowest_price_cents = r.lowest, p.highest_price_cents = r.highest
FROM catalog.performances AS p
JOIN (
    SELECT pp.performance_id, MIN(pp.price_cents) AS lowest, MAX(pp.price_cents) AS highest
    FROM catalog.performance_prices AS pp
    GROUP BY pp.performance_id
) AS r ON r.performance_id = p.performance_id;
GO
