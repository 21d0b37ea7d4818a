package dev.weft.interpreter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package boundaries of the engine that hold today and must not erode: the front end
 * (ast, binary, text, valid) knows nothing of execution, the instruction table knows only the
 * AST, lowering turns validated code into the table's format without knowing how it runs, the
 * interpreter and the compiled tier run code without knowing how it was lowered, and the
 * continuation model knows nothing of the interpreter.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.weft.interpreter", "dev.weft.continuations", "dev.weft.stackpool");
    }

    @Test
    void theFrontEndDoesNotDependOnExecution() {
        noClasses().that().resideInAnyPackage("..interpreter.ast..", "..interpreter.binary..",
                        "..interpreter.text..", "..interpreter.valid..")
                .should().dependOnClassesThat().resideInAnyPackage("..interpreter.exec..", "..interpreter.code..",
                        "..interpreter.wasi..", "..interpreter.wast..", "dev.weft.continuations..")
                .check(classes);
    }

    @Test
    void theAstDependsOnNoOtherEnginePackage() {
        noClasses().that().resideInAPackage("..interpreter.ast..")
                .should().dependOnClassesThat().resideInAnyPackage("..interpreter.binary..", "..interpreter.text..",
                        "..interpreter.valid..", "..interpreter.exec..")
                .check(classes);
    }

    @Test
    void theInstructionTableKnowsOnlyTheAst() {
        noClasses().that().resideInAPackage("..interpreter.code..")
                .should().dependOnClassesThat().resideInAnyPackage("..interpreter.exec..", "..interpreter.valid..",
                        "..interpreter.binary..", "..interpreter.text..", "dev.weft.continuations..")
                .check(classes);
    }

    @Test
    void loweringKnowsOnlyTheFrontEndAndTheInstructionTable() {
        noClasses().that().resideInAPackage("..interpreter.lower..")
                .should().dependOnClassesThat().resideInAnyPackage("..interpreter.exec..", "..interpreter.compiler..",
                        "..interpreter.wasi..", "..interpreter.wast..", "dev.weft.continuations..", "dev.weft.stackpool..")
                .check(classes);
    }

    @Test
    void executionDoesNotDependOnLowering() {
        noClasses().that().resideInAnyPackage("..interpreter.exec..", "..interpreter.compiler..")
                .should().dependOnClassesThat().resideInAPackage("..interpreter.lower..")
                .check(classes);
    }

    @Test
    void theSharedTypeRegistryKnowsNoOtherEnginePackage() {
        noClasses().that().resideInAPackage("..interpreter.types..")
                .should().dependOnClassesThat().resideInAnyPackage("..interpreter.ast..", "..interpreter.binary..",
                        "..interpreter.text..", "..interpreter.valid..", "..interpreter.code..", "..interpreter.lower..",
                        "..interpreter.exec..", "..interpreter.compiler..", "dev.weft.continuations..")
                .check(classes);
    }

    @Test
    void theContinuationModelKnowsNoInterpreter() {
        noClasses().that().resideInAPackage("dev.weft.continuations..")
                .should().dependOnClassesThat().resideInAPackage("dev.weft.interpreter..")
                .check(classes);
    }

    @Test
    void theFrontEndAndLoweringHaveNoCycles() {
        slices().matching("dev.weft.interpreter.(ast|binary|text|valid|types|code|lower)..").should().beFreeOfCycles()
                .check(classes);
    }
}
