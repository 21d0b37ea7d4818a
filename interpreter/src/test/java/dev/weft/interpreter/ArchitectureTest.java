package dev.weft.interpreter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Package boundaries of the engine that hold today and must not erode: the front end
 * (ast, binary, text, valid) knows nothing of execution, the instruction table knows only the
 * AST, lowering turns validated code into the table's format without knowing how it runs, the
 * interpreter and the compiled tier run code without knowing how it was lowered, the
 * continuation model knows nothing of the interpreter, and the stack-switching seam
 * ({@code exec.switching}) sits below the loop: the loop uses it, it knows nothing of the loop.
 * The engine's packages below the API form no cycle; execution does not read {@code valid}; the
 * leaves below the loop ({@code exec.memory}, {@code exec.gc}, {@code exec.numeric}) know nothing
 * of it; host functions and tags cross the API boundary one way.
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
                        "dev.weft.continuations..")
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
                        "dev.weft.continuations..", "dev.weft.stackpool..")
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

    /**
     * Every package of the engine below the API, each its own slice: the interpreter's internal
     * packages (front end, table, lowering, the loop and its leaves, the seam, the compiled tier,
     * WASI, the script runner), the continuation model and the pools. The API package itself
     * ({@code dev.weft.interpreter}) is not among them: the internals still use its value, error
     * and host-call types (see {@link #hostFunctionsAndTagsNeedNoRuntimeClassThatNeedsThem}).
     */
    @Test
    void theEnginesPackagesHaveNoCycles() {
        slices().assignedFrom(onePerPackage("the engine's packages below the API",
                        p -> p.startsWith("dev.weft.interpreter.") || p.startsWith("dev.weft.continuations")
                                || p.startsWith("dev.weft.stackpool")))
                .should().beFreeOfCycles().check(classes);
    }

    /** Execution reads what validation produced through {@code types} and its own inputs, never {@code valid}. */
    @Test
    void executionDoesNotDependOnValidation() {
        noClasses().that().resideInAPackage("..interpreter.exec..")
                .should().dependOnClassesThat().resideInAPackage("..interpreter.valid..")
                .check(classes);
    }

    /** The memory, GC-object and numeric leaves know nothing of the loop, the seam, the compiled tier, lowering or validation. */
    @Test
    void theLeavesBelowTheLoopKnowNoOtherExecPackage() {
        noClasses().that().resideInAnyPackage(EXEC + ".memory", EXEC + ".gc", EXEC + ".numeric")
                .should().dependOnClassesThat().resideInAnyPackage(EXEC, SWITCHING, "..interpreter.compiler..",
                        "..interpreter.lower..", "..interpreter.valid..", "dev.weft.continuations..")
                .check(classes);
    }

    /**
     * The API's host functions and tags are made by the API, run by the runtime: the runtime
     * holds a host function as its own {@code exec.HostCode}/{@code exec.SwitchingHostCode} (which
     * {@link HostFunction} and {@link HostFunction.Switching} extend) and never names
     * {@code HostFunction}; {@link Tag} and the host's tags ({@code HostTag}) need no runtime
     * class (a module's tags, {@code exec.TagInstance}, implement {@link Tag}). So neither pair
     * imports the other.
     */
    @Test
    void hostFunctionsAndTagsNeedNoRuntimeClassThatNeedsThem() {
        noClasses().that().resideInAnyPackage("..interpreter.exec..", "..interpreter.compiler..")
                .should().dependOnClassesThat().belongToAnyOf(HostFunction.class)
                .check(classes);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that().belongToAnyOf(Tag.class).or().haveFullyQualifiedName("dev.weft.interpreter.HostTag")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.weft.interpreter", "dev.weft.interpreter.ast",
                        "java..")
                .check(classes);
    }

    private static final String EXEC = "dev.weft.interpreter.exec";
    private static final String SWITCHING = "dev.weft.interpreter.exec.switching";

    @Test
    void theSwitchingSeamKnowsNothingOfTheLoopOrTheRuntimeObjects() {
        noClasses().that().resideInAPackage(SWITCHING)
                .should().dependOnClassesThat().resideInAPackage(EXEC)
                .check(classes);
    }

    @Test
    void theSwitchingSeamDependsOnlyOnTheModelTheApiValuesAndTheAst() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().resideInAPackage(SWITCHING)
                .should().onlyDependOnClassesThat().resideInAnyPackage(SWITCHING, "dev.weft.continuations",
                        "dev.weft.interpreter", "dev.weft.interpreter.ast", "java..")
                .check(classes);
    }

    @Test
    void theSwitchingSeamAndTheRestOfExecHaveNoCycle() {
        slices().assignedFrom(onePerPackage("exec and exec.switching", p -> p.equals(EXEC) || p.equals(SWITCHING)))
                .should().beFreeOfCycles().check(classes);
    }

    /** The one place that moves a loop between stacks: no other exec class asks the model to switch. */
    @Test
    void onlyTheSeamCallsTheModelsSwitchingOperations() {
        noClasses().that().resideOutsideOfPackage(SWITCHING).and().resideOutsideOfPackage("dev.weft.continuations..")
                .should().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "Continuations.resume/suspend/switchTo/returned/thrown",
                        call -> call.getTargetOwner().isEquivalentTo(dev.weft.continuations.Continuations.class)
                                && java.util.Set.of("resume", "suspend", "switchTo", "returned", "thrown")
                                        .contains(call.getName())))
                .check(classes);
    }

    /** One slice per package among those {@code packages} accepts; classes elsewhere are left out. */
    private static SliceAssignment onePerPackage(String description, java.util.function.Predicate<String> packages) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                return packages.test(c.getPackageName()) ? SliceIdentifier.of(c.getPackageName()) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return description + ", one slice each";
            }
        };
    }
}
