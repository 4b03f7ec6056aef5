package org.shardjdbc.integrations.hibernate;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.hibernate.annotations.IdGeneratorType;

/**
 * An id made by the application before the INSERT, a snowflake key from the same generator (and worker id) that the
 * driver's {@code keyGenerator: snowflake} uses, so keys made by either never collide within a process.
 *
 * <p>Why not {@code GenerationType.IDENTITY} with the driver filling the key: Hibernate cannot batch INSERTs whose ids
 * come back from the database, and the items' ids are not shard keys, which the driver does not generate.
 */
@IdGeneratorType(SnowflakeIdGenerator.class)
@Retention(RUNTIME)
@Target(FIELD)
public @interface SnowflakeId {}
